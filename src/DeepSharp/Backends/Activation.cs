namespace DeepSharp.Backends;

/// <summary>An element-wise activation fused into the store of a GEMM or convolution result.</summary>
public enum Activation
{
    /// <summary>Identity: y = x.</summary>
    None,

    /// <summary>Rectified linear unit: y = max(x, 0).</summary>
    Relu,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Logistic sigmoid: y = 1 / (1 + exp(-x)).</summary>
    Sigmoid,
}
