using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// A layer of Gaussian radial basis units (the hidden layer of an RBF network): unit k responds
/// exp(−‖x − c_k‖² / (2 σ_k²)), 1 at its centre c_k and fading with distance at the scale of its
/// width σ_k. Centres and log-widths are parameters, so they train end to end; the classic recipe
/// places them from the data instead (k-means centres, widths from centre spacing: see
/// <c>DeepSharp.Classic.RbfNetwork</c>).
/// </summary>
/// <remarks>input (N, in) -> output (N, units); centres (units, in), logWidths (units).</remarks>
public sealed class RadialBasis : Module
{
    /// <summary>Creates the layer with centres drawn from U(−1, 1) and widths 1 (log-width 0).</summary>
    public RadialBasis(int inFeatures, int units, RandomGenerator? rng = null)
    {
        if (inFeatures < 1) throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, "RadialBasis: inFeatures must be at least 1.");
        if (units < 1) throw new ArgumentOutOfRangeException(nameof(units), units, "RadialBasis: units must be at least 1.");
        (InFeatures, Units) = (inFeatures, units);
        Centres = RegisterParameter("centres", Tensor.Zeros(units, inFeatures));
        LogWidths = RegisterParameter("log_widths", Tensor.Zeros(units));
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    /// <summary>Input features D.</summary>
    public int InFeatures { get; }

    /// <summary>Number of units K.</summary>
    public int Units { get; }

    /// <summary>The centres (K, D).</summary>
    public Tensor Centres { get; }

    /// <summary>log σ (K).</summary>
    public Tensor LogWidths { get; }

    /// <summary>Centres from U(−1, 1), widths 1.</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        Init.Uniform(Centres, -1, 1, rng);
        Init.Constant(LogWidths, 0);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 2 || input.Shape[1] != InFeatures)
            throw new ShapeMismatchException($"{this} expected input (N, {InFeatures}), got {Shapes.Format(input.Shape)}.");
        return Functional.RadialBasis(input, Centres, LogWidths);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RadialBasis({InFeatures} -> {Units})");
}
