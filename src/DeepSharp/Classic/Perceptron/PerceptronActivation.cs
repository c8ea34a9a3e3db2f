namespace DeepSharp.Classic;

/// <summary>The threshold unit of a <see cref="Perceptron"/>.</summary>
public enum PerceptronActivation
{
    /// <summary>Heaviside step: output 1 when w·x + b &gt;= 0, else 0; the desired output d of class c is c (0 or 1).</summary>
    Step,

    /// <summary>Sign: output +1 when w·x + b &gt;= 0, else -1; the desired output d of class 0 is -1, of class 1 is +1.</summary>
    Sign,
}
