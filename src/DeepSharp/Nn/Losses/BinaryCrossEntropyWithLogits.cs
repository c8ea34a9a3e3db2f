using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Binary cross-entropy on logits (the sigmoid folded in), in the form max(x, 0) - x t + log(1 + e^(-|x|)) that never overflows.</summary>
/// <remarks>prediction (*) logits, target (same shape) in [0, 1] -> scalar, or (*) with <see cref="Reduction.None"/>.</remarks>
public sealed class BinaryCrossEntropyWithLogits : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are combined (default Mean).</param>
    public BinaryCrossEntropyWithLogits(Reduction reduction = Reduction.Mean)
    {
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "BinaryCrossEntropyWithLogits: unknown reduction.");
        Reduction = reduction;
    }

    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <inheritdoc/>
    public Tensor Compute(Tensor prediction, Tensor target) => Functional.BinaryCrossEntropyWithLogits(prediction, target, Reduction);

    /// <inheritdoc/>
    public override string ToString() => $"BinaryCrossEntropyWithLogits({Reduction})";
}
