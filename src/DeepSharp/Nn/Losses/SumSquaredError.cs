using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>The lectures' quadratic cost E = ½ Σ_k (y_k - d_k)² per sample, summed over the batch by default.</summary>
/// <remarks>prediction (N, *), target (same shape) -> scalar, or (N) with <see cref="Reduction.None"/>; Mean averages the per-sample costs. See <see cref="Functional.SumSquaredError"/>.</remarks>
public sealed class SumSquaredError : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are combined (default Sum).</param>
    public SumSquaredError(Reduction reduction = Reduction.Sum)
    {
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "SumSquaredError: unknown reduction.");
        Reduction = reduction;
    }

    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <inheritdoc/>
    public Tensor Compute(Tensor prediction, Tensor target) => Functional.SumSquaredError(prediction, target, Reduction);

    /// <inheritdoc/>
    public override string ToString() => $"SumSquaredError({Reduction})";
}
