using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Cross-entropy from logits (softmax folded in, through a stable log-softmax), with
/// class-index or probability (one-hot / soft) targets and optional label smoothing.</summary>
/// <remarks>prediction (N, C) or (N, C, d1, ...) logits; target (N) / (N, d1, ...) Int32 class indices,
/// or probabilities shaped like the prediction -> scalar, or (N, d1, ...) with <see cref="Reduction.None"/>.
/// See <see cref="Functional.CrossEntropy"/>.</remarks>
public sealed class CrossEntropy : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-sample losses are combined (default Mean).</param>
    /// <param name="labelSmoothing">ε in [0, 1): targets become (1 - ε) q + ε / C.</param>
    public CrossEntropy(Reduction reduction = Reduction.Mean, double labelSmoothing = 0)
    {
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "CrossEntropy: unknown reduction.");
        if (!(labelSmoothing >= 0 && labelSmoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "CrossEntropy: labelSmoothing must be in [0, 1).");
        Reduction = reduction;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>How per-sample losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>Label-smoothing ε.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc/>
    public Tensor Compute(Tensor prediction, Tensor target) => Functional.CrossEntropy(prediction, target, Reduction, LabelSmoothing);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CrossEntropy({Reduction}{(LabelSmoothing > 0 ? $", labelSmoothing={LabelSmoothing}" : "")})");
}
