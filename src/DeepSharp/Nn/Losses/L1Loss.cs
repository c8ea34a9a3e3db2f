using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Mean absolute error: mean of |prediction - target|.</summary>
/// <remarks>prediction (*), target (same shape) -> scalar, or (*) with <see cref="Reduction.None"/>.</remarks>
public sealed class L1Loss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are combined (default Mean).</param>
    public L1Loss(Reduction reduction = Reduction.Mean)
    {
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "L1Loss: unknown reduction.");
        Reduction = reduction;
    }

    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <inheritdoc/>
    public Tensor Compute(Tensor prediction, Tensor target) => Functional.L1Loss(prediction, target, Reduction);

    /// <inheritdoc/>
    public override string ToString() => $"L1Loss({Reduction})";
}
