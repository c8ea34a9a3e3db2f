namespace DeepSharp.Backends;

/// <summary>Element-wise unary operations of the backend interface.</summary>
public enum UnaryOp
{
    /// <summary>-x</summary>
    Negate,
    /// <summary>|x|</summary>
    Abs,
    /// <summary>e^x</summary>
    Exp,
    /// <summary>natural logarithm</summary>
    Log,
    /// <summary>square root</summary>
    Sqrt,
    /// <summary>x * x</summary>
    Square,
    /// <summary>1 / x</summary>
    Reciprocal,
    /// <summary>1 / (1 + e^-x)</summary>
    Sigmoid,
    /// <summary>hyperbolic tangent</summary>
    Tanh,
    /// <summary>arctangent</summary>
    Atan,
    /// <summary>sine</summary>
    Sin,
    /// <summary>cosine</summary>
    Cos,
    /// <summary>max(x, 0)</summary>
    Relu,
    /// <summary>-1, 0 or +1 by the sign of x</summary>
    Sign,
}
