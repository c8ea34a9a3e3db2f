using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Swish x · σ(βx) (Ramachandran et al. 2017); β = 1 is <see cref="Silu"/>.</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Swish : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="beta">β (finite).</param>
    public Swish(double beta = 1)
    {
        if (!double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "Swish: beta must be finite.");
        Beta = beta;
    }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Swish(input, Beta);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Swish(beta={Beta})");
}
