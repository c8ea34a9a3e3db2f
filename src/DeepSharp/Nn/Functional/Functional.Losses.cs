using DeepSharp.Backends;
using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>Mean squared error: mean of (prediction - target)².</summary>
    /// <remarks>prediction (*), target (same shape) -> scalar, or (*) with <see cref="Reduction.None"/>.</remarks>
    /// <exception cref="ShapeMismatchException">The shapes differ (both are named).</exception>
    public static Tensor MseLoss(Tensor prediction, Tensor target, Reduction reduction = Reduction.Mean)
    {
        target = SameShapeTarget("MseLoss", prediction, target);
        return Reduce((prediction - target).Square(), reduction);
    }

    /// <summary>The lectures' quadratic cost (L2 divergence) E = ½ Σ_k (y_k - d_k)² of each sample,
    /// summed over the batch by default.</summary>
    /// <remarks>prediction (N, *), target (same shape). The per-sample cost sums over every dimension
    /// but the first; <see cref="Reduction.Sum"/> (the default) adds the samples (½ Σ over all
    /// elements), <see cref="Reduction.Mean"/> averages them, <see cref="Reduction.None"/> returns (N).
    /// A 0- or 1-dimensional prediction counts each element as a sample.</remarks>
    public static Tensor SumSquaredError(Tensor prediction, Tensor target, Reduction reduction = Reduction.Sum)
    {
        target = SameShapeTarget("SumSquaredError", prediction, target);
        var half = (prediction - target).Square() * 0.5;
        if (prediction.Rank >= 2) half = half.Sum([.. Enumerable.Range(1, prediction.Rank - 1)]);
        return Reduce(half, reduction);
    }

    /// <summary>Mean absolute error: mean of |prediction - target| (gradient 0 where they are equal).</summary>
    /// <remarks>prediction (*), target (same shape) -> scalar, or (*) with <see cref="Reduction.None"/>.</remarks>
    public static Tensor L1Loss(Tensor prediction, Tensor target, Reduction reduction = Reduction.Mean)
    {
        target = SameShapeTarget("L1Loss", prediction, target);
        return Reduce((prediction - target).Abs(), reduction);
    }

    /// <summary>Binary cross-entropy on probabilities: -(t log p + (1 - t) log(1 - p)), each log
    /// clamped at -100 like PyTorch so p = 0 or 1 gives a finite loss (at most 100 per element).</summary>
    /// <param name="probabilities">Predicted probabilities in [0, 1] (e.g. a sigmoid output).</param>
    /// <param name="target">Targets in [0, 1], same shape.</param>
    /// <param name="reduction">How to combine the per-element losses.</param>
    /// <remarks>probabilities (*), target (same shape) -> scalar, or (*) with <see cref="Reduction.None"/>.
    /// Prefer <see cref="BinaryCrossEntropyWithLogits"/>, which is exact where this one saturates.</remarks>
    public static Tensor BinaryCrossEntropy(Tensor probabilities, Tensor target, Reduction reduction = Reduction.Mean)
    {
        target = SameShapeTarget("BinaryCrossEntropy", probabilities, target);
        return Reduce(PointwiseRules.Loss(probabilities, target, PointwiseLossKind.BinaryCrossEntropy, "BinaryCrossEntropy"), reduction);
    }

    /// <summary>Binary cross-entropy on logits x (sigmoid folded in): max(x, 0) - x t + log(1 + e^(-|x|)),
    /// finite for any logit; gradient σ(x) - t.</summary>
    /// <remarks>logits (*), target (same shape, values in [0, 1]) -> scalar, or (*) with <see cref="Reduction.None"/>.</remarks>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean)
    {
        target = SameShapeTarget("BinaryCrossEntropyWithLogits", logits, target);
        return Reduce(PointwiseRules.Loss(logits, target, PointwiseLossKind.BinaryCrossEntropyWithLogits, "BinaryCrossEntropyWithLogits"), reduction);
    }

    /// <summary>Cross-entropy from logits: -Σ_c q_c log softmax(x)_c, through <see cref="LogSoftmax"/> so
    /// logits of ±1000 stay finite. Targets are class indices (q one-hot) or probabilities (one-hot or soft).</summary>
    /// <param name="logits">Unnormalized scores (N, C) or (N, C, d1, ...).</param>
    /// <param name="target">Class indices (N) or (N, d1, ...) as Int32 (floating-point tensors holding whole
    /// numbers are accepted); or probabilities shaped like <paramref name="logits"/>.</param>
    /// <param name="reduction">Mean (default) averages over the N·d1·… positions; None returns (N, d1, ...).</param>
    /// <param name="labelSmoothing">ε in [0, 1): the target becomes (1 - ε) q + ε / C.</param>
    /// <exception cref="ShapeMismatchException">The shapes do not fit (both are named).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [0, C).</exception>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean, double labelSmoothing = 0)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "CrossEntropy: labelSmoothing must be in [0, 1).");
        if (!Enum.IsDefined(reduction)) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "CrossEntropy: unknown reduction.");
        CheckClassInput("CrossEntropy", "logits", logits);
        int classes = logits.Shape[1];
        if (target.Rank != logits.Rank)
        {
            var indices = ClassIndices("CrossEntropy", logits, target, "logits");
            // (N, C): the fused primitive; (N, C, d1, ...): composed from log-softmax and gather
            if (logits.Rank == 2) return CrossEntropyRule.Apply(logits, indices, labelSmoothing, reduction != Reduction.None, reduction == Reduction.Mean);
            var logProbabilities = LogSoftmax(logits, 1);
            var picked = PickClass(logProbabilities, indices, target.ShapeArray);
            if (labelSmoothing == 0) return Reduce(-picked, reduction);
            var uniform = -logProbabilities.Mean(1);
            return Reduce(-picked * (1 - labelSmoothing) + uniform * labelSmoothing, reduction);
        }
        target = SameShapeTarget("CrossEntropy", logits, target);
        if (labelSmoothing > 0) target = target * (1 - labelSmoothing) + labelSmoothing / classes;
        return Reduce(-(LogSoftmax(logits, 1) * target).Sum(1), reduction);
    }

    /// <summary>Negative log-likelihood: -log p[target] from log-probabilities (e.g. a <see cref="LogSoftmax"/> output).</summary>
    /// <param name="logProbabilities">Log-probabilities (N, C) or (N, C, d1, ...).</param>
    /// <param name="target">Class indices (N) or (N, d1, ...), Int32 (or whole numbers in a floating-point tensor).</param>
    /// <param name="reduction">Mean (default) averages over the N·d1·… positions; None returns (N, d1, ...).</param>
    public static Tensor NllLoss(Tensor logProbabilities, Tensor target, Reduction reduction = Reduction.Mean)
    {
        CheckClassInput("NllLoss", "log-probabilities", logProbabilities);
        var indices = ClassIndices("NllLoss", logProbabilities, target, "log-probabilities");
        return Reduce(-PickClass(logProbabilities, indices, target.ShapeArray), reduction);
    }

    private static void CheckClassInput(string op, string what, Tensor input)
    {
        if (input.Rank < 2)
            throw new ShapeMismatchException($"{op}: {what} must be (N, C) or (N, C, d1, ...), got {Shapes.Format(input.Shape)}.");
    }

    /// <summary>values[n, index[n, ...], ...] for each position.</summary>
    private static Tensor PickClass(Tensor values, int[] indices, int[] targetShape) =>
        values.Gather(1, Tensor.FromArray(indices, targetShape).Unsqueeze(1)).Squeeze(1);

    /// <summary>The class indices of <paramref name="target"/> after checking its shape against
    /// <paramref name="values"/> (N, C, ...) and every index against [0, C).</summary>
    private static int[] ClassIndices(string op, Tensor values, Tensor target, string what)
    {
        var expected = values.ShapeArray.Where((_, i) => i != 1).ToArray();
        if (!target.Shape.SequenceEqual(expected))
            throw new ShapeMismatchException(
                $"{op}: {what} {Shapes.Format(values.Shape)} and target {Shapes.Format(target.Shape)} do not match: " +
                $"expected class indices {Shapes.Format(expected)} or probabilities {Shapes.Format(values.Shape)}.");
        int classes = values.Shape[1];
        var raw = target.Detach();
        if (raw.DType != DType.Int32)
        {
            foreach (double v in raw.ToDoubleArray())
                if (v != Math.Floor(v))
                    throw new ArgumentException($"{op}: class-index targets must be whole numbers, found {v}.", nameof(target));
        }
        var indices = raw.ToArray<int>();
        foreach (int c in indices)
            if ((uint)c >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(target), c, $"{op}: target class {c} is out of range for {classes} classes.");
        return indices;
    }

    /// <summary>The target in the prediction's dtype, after checking that the shapes are equal.</summary>
    private static Tensor SameShapeTarget(string op, Tensor prediction, Tensor target)
    {
        if (!prediction.Shape.SequenceEqual(target.Shape))
            throw new ShapeMismatchException(
                $"{op}: prediction {Shapes.Format(prediction.Shape)} and target {Shapes.Format(target.Shape)} must have the same shape.");
        if (!prediction.DType.IsFloatingPoint())
            throw new NotSupportedException($"{op}: prediction must be floating point, got {prediction.DType}.");
        return target.DType == prediction.DType ? target : target.To(prediction.DType);
    }

    private static Tensor Reduce(Tensor losses, Reduction reduction) => reduction switch
    {
        Reduction.Mean => losses.Mean(),
        Reduction.Sum => losses.Sum(),
        Reduction.None => losses,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
    };
}
