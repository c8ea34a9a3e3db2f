using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Mean squared error: mean of (prediction - target)².</summary>
/// <remarks>prediction (*), target (same shape) -> scalar, or (*) with <see cref="Reduction.None"/>. See <see cref="Functional.MseLoss"/>.</remarks>
public sealed class MseLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are combined (default Mean).</param>
    public MseLoss(Reduction reduction = Reduction.Mean)
    {
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "MseLoss: unknown reduction.");
        Reduction = reduction;
    }

    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <inheritdoc/>
    public Tensor Compute(Tensor prediction, Tensor target) => Functional.MseLoss(prediction, target, Reduction);

    /// <inheritdoc/>
    public override string ToString() => $"MseLoss({Reduction})";
}
