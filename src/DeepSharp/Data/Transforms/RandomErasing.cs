using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>With probability <see cref="P"/>, sets a random rectangle of each image to
/// <see cref="Value"/> (Zhong et al.; torchvision's <c>RandomErasing</c>): its area a fraction of
/// the image drawn from [ScaleMin, ScaleMax], its aspect ratio log-uniform in [RatioMin, RatioMax];
/// up to 10 tries to fit, else the image is left alone.</summary>
public sealed class RandomErasing : IBatchTransform
{
    /// <summary>Creates the transform (torchvision's defaults).</summary>
    /// <param name="p">Probability of erasing an image, in [0, 1].</param>
    /// <param name="scaleMin">Smallest erased fraction of the area, in (0, 1].</param>
    /// <param name="scaleMax">Largest erased fraction, in [scaleMin, 1].</param>
    /// <param name="ratioMin">Smallest aspect ratio (height / width), positive.</param>
    /// <param name="ratioMax">Largest aspect ratio, at least ratioMin.</param>
    /// <param name="value">The value written.</param>
    public RandomErasing(double p = 0.5, double scaleMin = 0.02, double scaleMax = 0.33, double ratioMin = 0.3, double ratioMax = 3.3, float value = 0)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "RandomErasing: p must be in [0, 1].");
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1))
            throw new ArgumentOutOfRangeException(nameof(scaleMin), $"RandomErasing: need 0 < scaleMin <= scaleMax <= 1, got {scaleMin} and {scaleMax}.");
        if (!(ratioMin > 0 && ratioMin <= ratioMax && double.IsFinite(ratioMax)))
            throw new ArgumentOutOfRangeException(nameof(ratioMin), $"RandomErasing: need 0 < ratioMin <= ratioMax, got {ratioMin} and {ratioMax}.");
        if (!float.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "RandomErasing: value must be finite.");
        (P, ScaleMin, ScaleMax, RatioMin, RatioMax, Value) = (p, scaleMin, scaleMax, ratioMin, ratioMax, value);
    }

    /// <summary>Probability of erasing an image.</summary>
    public double P { get; }

    /// <summary>Smallest erased fraction of the area.</summary>
    public double ScaleMin { get; }

    /// <summary>Largest erased fraction of the area.</summary>
    public double ScaleMax { get; }

    /// <summary>Smallest aspect ratio.</summary>
    public double RatioMin { get; }

    /// <summary>Largest aspect ratio.</summary>
    public double RatioMax { get; }

    /// <summary>The value written into the rectangle.</summary>
    public float Value { get; }

    /// <inheritdoc/>
    public void Apply(Tensor images, RandomGenerator rng)
    {
        var (b, c, h, w) = ImageBatch.Dimensions(images, nameof(RandomErasing));
        ArgumentNullException.ThrowIfNull(rng);
        var data = images.AsSpan<float>();
        for (int n = 0; n < b; n++)
        {
            if (!(rng.NextDouble() < P)) continue;
            for (int attempt = 0; attempt < 10; attempt++)
            {
                double area = h * w * rng.NextDouble(ScaleMin, ScaleMax);
                double ratio = Math.Exp(rng.NextDouble(Math.Log(RatioMin), Math.Log(RatioMax)));
                int eh = (int)Math.Round(Math.Sqrt(area * ratio)), ew = (int)Math.Round(Math.Sqrt(area / ratio));
                if (eh < 1 || ew < 1 || eh > h || ew > w) continue;
                int top = rng.NextInt(h - eh + 1), left = rng.NextInt(w - ew + 1);
                for (int ch = 0; ch < c; ch++)
                    for (int y = top; y < top + eh; y++) data.Slice(((n * c + ch) * h + y) * w + left, ew).Fill(Value);
                break;
            }
        }
    }
}
