using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Negative log-likelihood -log p[target] on log-probabilities (pair it with <see cref="LogSoftmax"/>).</summary>
/// <remarks>prediction (N, C) or (N, C, d1, ...) log-probabilities, target (N) or (N, d1, ...) Int32 class indices -> scalar, or (N, d1, ...) with <see cref="Reduction.None"/>.</remarks>
public sealed class NllLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are combined (default Mean).</param>
    public NllLoss(Reduction reduction = Reduction.Mean)
    {
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "NllLoss: unknown reduction.");
        Reduction = reduction;
    }

    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <inheritdoc/>
    public Tensor Compute(Tensor prediction, Tensor target) => Functional.NllLoss(prediction, target, Reduction);

    /// <inheritdoc/>
    public override string ToString() => $"NllLoss({Reduction})";
}
