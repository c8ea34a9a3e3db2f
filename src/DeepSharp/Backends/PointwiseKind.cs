namespace DeepSharp.Backends;

/// <summary>The parameterized element-wise activations of <see cref="PointwiseFunction"/>.</summary>
public enum PointwiseKind
{
    /// <summary>1 where x ≥ A (the threshold), else 0; zero derivative.</summary>
    Step,
    /// <summary>+1 where x ≥ 0, else -1; zero derivative.</summary>
    Sign,
    /// <summary>x for x &gt; 0, A·x otherwise (A the slope).</summary>
    LeakyRelu,
    /// <summary>max(x, A) (A the shift); gradient 1 above the bend.</summary>
    ShiftedRelu,
    /// <summary>log(1 + e^(A·x)) / A, and x where A·x &gt; B (A = β, B the threshold); derivative σ(A·x).</summary>
    Softplus,
    /// <summary>x for x &gt; 0, A(e^x - 1) otherwise (A = α).</summary>
    Elu,
    /// <summary>x · σ(A·x) (A = β).</summary>
    Swish,
    /// <summary>x · Φ(x), the exact GELU.</summary>
    GeluErf,
    /// <summary>½x(1 + tanh(√(2/π)(x + 0.044715x³))), GELU's tanh approximation.</summary>
    GeluTanh,
}
