using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>
    /// Batch normalization (PyTorch's <c>F.batch_norm</c>): each channel (dimension 1) is normalized
    /// with the mean and biased variance over the batch and spatial dimensions in training, or with
    /// the running statistics otherwise, then scaled and shifted. In training the running
    /// statistics, when given, are updated in place: r ← (1 - momentum) r + momentum · s, with the
    /// unbiased variance, as PyTorch does.
    /// </summary>
    /// <param name="input">Input (N, C) or (N, C, *).</param>
    /// <param name="runningMean">Running mean (C) or null.</param>
    /// <param name="runningVar">Running variance (C) or null.</param>
    /// <param name="weight">Scale γ (C) or null.</param>
    /// <param name="bias">Shift β (C) or null.</param>
    /// <param name="training">Use batch statistics (and update the running ones) instead of the running ones.</param>
    /// <param name="momentum">Weight of the new batch in the running statistics, in [0, 1].</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <remarks>input (N, C, *) -> output (N, C, *).</remarks>
    /// <exception cref="ShapeMismatchException">The input has fewer than 2 dimensions or a statistic is not (C).</exception>
    /// <exception cref="ArgumentException">Training with a single value per channel (the variance is undefined), or
    /// evaluation without running statistics.</exception>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool training, double momentum = 0.1, double eps = 1e-5)
    {
        if (input.Rank < 2) throw new ShapeMismatchException($"BatchNorm: expected input (N, C, *), got {Shapes.Format(input.Shape)}.");
        if (!(momentum >= 0 && momentum <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "BatchNorm: momentum must be in [0, 1].");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "BatchNorm: eps must be positive.");
        int channels = input.Shape[1];
        foreach (var (name, t) in new[] { ("runningMean", runningMean), ("runningVar", runningVar), ("weight", weight), ("bias", bias) })
            if (t is not null && (t.Rank != 1 || t.Shape[0] != channels))
                throw new ShapeMismatchException($"BatchNorm: input {Shapes.Format(input.Shape)} has {channels} channels but {name} is {Shapes.Format(t.Shape)}.");
        int[] dims = [0, .. Enumerable.Range(2, input.Rank - 2)];
        var statShape = new int[input.Rank];
        Array.Fill(statShape, 1);
        statShape[1] = channels;
        Tensor mean, variance;
        if (training)
        {
            int count = input.Numel / Math.Max(channels, 1);
            if (count <= 1)
                throw new ArgumentException($"BatchNorm: expected more than 1 value per channel when training, got input {Shapes.Format(input.Shape)}.", nameof(input));
            mean = input.Mean(dims, keepDim: true);
            var centered = input - mean;
            variance = (centered * centered).Mean(dims, keepDim: true);
            if (runningMean is not null && runningVar is not null)
                using (GradMode.NoGrad())
                {
                    runningMean.CopyFrom(runningMean * (1 - momentum) + mean.Detach().Reshape(channels) * momentum);
                    runningVar.CopyFrom(runningVar * (1 - momentum) + variance.Detach().Reshape(channels) * (momentum * count / (count - 1.0)));
                }
            var normalized = centered / (variance + eps).Sqrt();
            return Affine(normalized, weight, bias, statShape);
        }
        if (runningMean is null || runningVar is null)
            throw new ArgumentException("BatchNorm: evaluation needs the running mean and variance (or training = true).", nameof(runningMean));
        mean = runningMean.Reshape(statShape);
        variance = runningVar.Reshape(statShape);
        return Affine((input - mean) / (variance + eps).Sqrt(), weight, bias, statShape);
    }

    /// <summary>
    /// Layer normalization (PyTorch's <c>F.layer_norm</c>): normalizes over the last dimensions
    /// given by <paramref name="normalizedShape"/> with their mean and biased variance, then applies
    /// the element-wise scale and shift of that shape.
    /// </summary>
    /// <param name="input">Input (*, normalizedShape).</param>
    /// <param name="normalizedShape">The trailing shape normalized over (at least one dimension).</param>
    /// <param name="weight">Scale of <paramref name="normalizedShape"/> or null.</param>
    /// <param name="bias">Shift of <paramref name="normalizedShape"/> or null.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <remarks>input (*, D...) -> output (*, D...).</remarks>
    /// <exception cref="ShapeMismatchException">The trailing dimensions differ from <paramref name="normalizedShape"/>.</exception>
    public static Tensor LayerNorm(Tensor input, IReadOnlyList<int> normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        int k = normalizedShape.Count;
        if (k == 0 || input.Rank < k || !input.ShapeArray[^k..].SequenceEqual(normalizedShape))
            throw new ShapeMismatchException(
                $"LayerNorm: expected input (*, {string.Join(", ", normalizedShape)}), got {Shapes.Format(input.Shape)}.");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "LayerNorm: eps must be positive.");
        foreach (var (name, t) in new[] { ("weight", weight), ("bias", bias) })
            if (t is not null && !t.ShapeArray.SequenceEqual(normalizedShape))
                throw new ShapeMismatchException($"LayerNorm: {name} must be ({string.Join(", ", normalizedShape)}), got {Shapes.Format(t.Shape)}.");
        int[] dims = [.. Enumerable.Range(input.Rank - k, k)];
        var mean = input.Mean(dims, keepDim: true);
        var centered = input - mean;
        var variance = (centered * centered).Mean(dims, keepDim: true);
        var y = centered / (variance + eps).Sqrt();
        if (weight is not null) y *= weight;
        if (bias is not null) y += bias;
        return y;
    }

    /// <summary>
    /// Group normalization (PyTorch's <c>F.group_norm</c>): the channels are split into
    /// <paramref name="groups"/> groups and each sample's group is normalized over its channels and
    /// spatial positions; then a per-channel scale and shift.
    /// </summary>
    /// <param name="input">Input (N, C, *), C divisible by <paramref name="groups"/>.</param>
    /// <param name="groups">Number of groups (1 = layer norm over (C, *); C = instance norm).</param>
    /// <param name="weight">Scale (C) or null.</param>
    /// <param name="bias">Shift (C) or null.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <remarks>input (N, C, *) -> output (N, C, *).</remarks>
    public static Tensor GroupNorm(Tensor input, int groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        if (input.Rank < 2) throw new ShapeMismatchException($"GroupNorm: expected input (N, C, *), got {Shapes.Format(input.Shape)}.");
        int channels = input.Shape[1];
        if (groups < 1 || channels % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"GroupNorm: groups must be at least 1 and divide the {channels} channels.");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "GroupNorm: eps must be positive.");
        foreach (var (name, t) in new[] { ("weight", weight), ("bias", bias) })
            if (t is not null && (t.Rank != 1 || t.Shape[0] != channels))
                throw new ShapeMismatchException($"GroupNorm: input {Shapes.Format(input.Shape)} has {channels} channels but {name} is {Shapes.Format(t.Shape)}.");
        var grouped = input.Reshape(input.Shape[0], groups, -1);
        var mean = grouped.Mean(2, keepDim: true);
        var centered = grouped - mean;
        var variance = (centered * centered).Mean(2, keepDim: true);
        var y = (centered / (variance + eps).Sqrt()).Reshape(input.ShapeArray);
        var statShape = new int[input.Rank];
        Array.Fill(statShape, 1);
        statShape[1] = channels;
        return Affine(y, weight, bias, statShape);
    }

    private static Tensor Affine(Tensor y, Tensor? weight, Tensor? bias, int[] statShape)
    {
        if (weight is not null) y *= weight.Reshape(statShape);
        if (bias is not null) y += bias.Reshape(statShape);
        return y;
    }
}
