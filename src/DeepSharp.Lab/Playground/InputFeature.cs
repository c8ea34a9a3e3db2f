namespace DeepSharp.Lab.Playground;

/// <summary>An input of the network, computed from a point (x1, x2) as TensorFlow Playground offers them.</summary>
public enum InputFeature
{
    /// <summary>x1.</summary>
    X1,

    /// <summary>x2.</summary>
    X2,

    /// <summary>x1².</summary>
    X1Squared,

    /// <summary>x2².</summary>
    X2Squared,

    /// <summary>x1 · x2.</summary>
    X1TimesX2,

    /// <summary>sin(x1).</summary>
    SinX1,

    /// <summary>sin(x2).</summary>
    SinX2,
}
