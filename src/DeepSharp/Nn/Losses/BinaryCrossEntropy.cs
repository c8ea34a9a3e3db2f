using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Binary cross-entropy on probabilities -(t log p + (1 - t) log(1 - p)), logs clamped at -100 so p = 0 or 1 stays finite.</summary>
/// <remarks>prediction (*) probabilities in [0, 1], target (same shape) -> scalar, or (*) with <see cref="Reduction.None"/>. Prefer <see cref="BinaryCrossEntropyWithLogits"/> on raw scores.</remarks>
public sealed class BinaryCrossEntropy : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are combined (default Mean).</param>
    public BinaryCrossEntropy(Reduction reduction = Reduction.Mean)
    {
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "BinaryCrossEntropy: unknown reduction.");
        Reduction = reduction;
    }

    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <inheritdoc/>
    public Tensor Compute(Tensor prediction, Tensor target) => Functional.BinaryCrossEntropy(prediction, target, Reduction);

    /// <inheritdoc/>
    public override string ToString() => $"BinaryCrossEntropy({Reduction})";
}
