using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>Mirrors each image left to right with probability <see cref="P"/> (torchvision's <c>RandomHorizontalFlip</c>).</summary>
public sealed class RandomHorizontalFlip : IBatchTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="p">Flip probability in [0, 1].</param>
    public RandomHorizontalFlip(double p = 0.5)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "RandomHorizontalFlip: p must be in [0, 1].");
        P = p;
    }

    /// <summary>Flip probability.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public void Apply(Tensor images, RandomGenerator rng)
    {
        var (b, c, h, w) = ImageBatch.Dimensions(images, nameof(RandomHorizontalFlip));
        ArgumentNullException.ThrowIfNull(rng);
        var data = images.AsSpan<float>();
        for (int n = 0; n < b; n++)
        {
            if (!(rng.NextDouble() < P)) continue;
            for (int row = 0; row < c * h; row++) data.Slice((n * c * h + row) * w, w).Reverse();
        }
    }
}
