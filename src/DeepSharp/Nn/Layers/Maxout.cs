using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Maxout layer (Goodfellow et al. 2013): each output unit is the maximum of k affine pieces of the
/// input, h_j = max_i (x · w_(j,i) + b_(j,i)), a learned convex piecewise-linear activation.
/// </summary>
/// <remarks>
/// <para>input (..., in) -> output (..., out); weight (out · k, in), bias (out · k). Rows j·k … j·k + k - 1
/// are the pieces of unit j.</para>
/// <para>Initialized like <see cref="Linear"/>: U(-1/√in, 1/√in).</para>
/// </remarks>
public sealed class Maxout : Module
{
    /// <summary>Creates the layer and initializes it with <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null).</summary>
    /// <param name="inFeatures">Input features per sample (at least 1).</param>
    /// <param name="outFeatures">Output units (at least 1).</param>
    /// <param name="pieces">Affine pieces per unit, k (at least 1).</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public Maxout(int inFeatures, int outFeatures, int pieces, RandomGenerator? rng = null)
    {
        if (inFeatures < 1) throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, "Maxout: inFeatures must be at least 1.");
        if (outFeatures < 1) throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, "Maxout: outFeatures must be at least 1.");
        if (pieces < 1) throw new ArgumentOutOfRangeException(nameof(pieces), pieces, "Maxout: pieces must be at least 1.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Pieces = pieces;
        Weight = RegisterParameter("weight", Tensor.Zeros(outFeatures * pieces, inFeatures));
        Bias = RegisterParameter("bias", Tensor.Zeros(outFeatures * pieces));
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    /// <summary>Input features per sample.</summary>
    public int InFeatures { get; }

    /// <summary>Output units.</summary>
    public int OutFeatures { get; }

    /// <summary>Affine pieces per unit.</summary>
    public int Pieces { get; }

    /// <summary>The weight (out · k, in).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias (out · k).</summary>
    public Tensor Bias { get; }

    /// <summary>Re-draws weight and bias from U(-1/√in, 1/√in).</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        double bound = 1 / Math.Sqrt(InFeatures);
        Init.Uniform(Weight, -bound, bound, rng);
        Init.Uniform(Bias, -bound, bound, rng);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank == 0 || input.Shape[^1] != InFeatures)
            throw new ShapeMismatchException($"{this} expected input (N, {InFeatures}), got {Shapes.Format(input.Shape)}.");
        return Functional.Maxout(Functional.Linear(input, Weight, Bias), Pieces);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Maxout({InFeatures} -> {OutFeatures}, pieces={Pieces})");
}
