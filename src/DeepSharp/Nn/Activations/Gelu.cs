using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Gaussian error linear unit x · Φ(x), Φ the standard normal CDF (exact by default).</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Gelu : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="approximation">Exact erf form or the tanh approximation.</param>
    public Gelu(GeluApproximation approximation = GeluApproximation.None)
    {
        if (!Enum.IsDefined(approximation)) throw new ArgumentOutOfRangeException(nameof(approximation), approximation, "GELU: unknown approximation.");
        Approximation = approximation;
    }

    /// <summary>How Φ is evaluated.</summary>
    public GeluApproximation Approximation { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Gelu(input, Approximation);

    /// <inheritdoc/>
    public override string ToString() => Approximation == GeluApproximation.None ? "GELU" : "GELU(tanh)";
}
