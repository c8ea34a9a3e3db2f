using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>(x - mean_c) / std_c per channel (torchvision's <c>Normalize</c>); one value applies to every channel.</summary>
public sealed class NormalizeImages : IBatchTransform
{
    private readonly float[] _mean, _std;

    /// <summary>Creates the transform.</summary>
    /// <param name="mean">Per-channel means (or one for all channels), finite.</param>
    /// <param name="std">Per-channel standard deviations (same count as <paramref name="mean"/>), positive.</param>
    public NormalizeImages(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
            throw new ArgumentException($"NormalizeImages: mean and std need the same non-zero count, got {mean.Count} and {std.Count}.", nameof(std));
        if (mean.Any(m => !float.IsFinite(m))) throw new ArgumentOutOfRangeException(nameof(mean), "NormalizeImages: every mean must be finite.");
        if (std.Any(s => !(s > 0) || !float.IsFinite(s))) throw new ArgumentOutOfRangeException(nameof(std), "NormalizeImages: every std must be positive and finite.");
        _mean = [.. mean];
        _std = [.. std];
    }

    /// <summary>The means.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>The standard deviations.</summary>
    public IReadOnlyList<float> Std => _std;

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The batch has another number of channels than the statistics (and more than one statistic was given).</exception>
    public void Apply(Tensor images, RandomGenerator rng)
    {
        var (b, c, h, w) = ImageBatch.Dimensions(images, nameof(NormalizeImages));
        if (_mean.Length != 1 && _mean.Length != c)
            throw new ShapeMismatchException($"NormalizeImages: {_mean.Length} channel statistics for a batch of {c} channels.");
        var data = images.AsSpan<float>();
        for (int n = 0; n < b; n++)
            for (int ch = 0; ch < c; ch++)
            {
                float m = _mean[_mean.Length == 1 ? 0 : ch], inv = 1f / _std[_mean.Length == 1 ? 0 : ch];
                var plane = data.Slice((n * c + ch) * h * w, h * w);
                for (int i = 0; i < plane.Length; i++) plane[i] = (plane[i] - m) * inv;
            }
    }
}
