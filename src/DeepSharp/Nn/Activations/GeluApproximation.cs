namespace DeepSharp.Nn;

/// <summary>How <see cref="Functional.Gelu"/> evaluates Φ(x).</summary>
public enum GeluApproximation
{
    /// <summary>Exact: Φ(x) = ½(1 + erf(x / √2)).</summary>
    None,

    /// <summary>The tanh approximation ½(1 + tanh(√(2/π)(x + 0.044715x³))) of GPT-2 and BERT.</summary>
    Tanh,
}
