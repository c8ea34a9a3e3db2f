using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>Pads each image with zeros on every side, then cuts a window of the original size at a
/// random offset (torchvision's <c>RandomCrop(size, padding)</c> with the output size equal to the input's).</summary>
public sealed class RandomCrop : IBatchTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="padding">Zeros added on each side (at least 0; 4 is usual for 28x28 and 32x32).</param>
    public RandomCrop(int padding)
    {
        if (padding < 0 || padding > 64) throw new ArgumentOutOfRangeException(nameof(padding), padding, "RandomCrop: padding must be in [0, 64].");
        Padding = padding;
    }

    /// <summary>Zeros added on each side.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public void Apply(Tensor images, RandomGenerator rng)
    {
        var (b, c, h, w) = ImageBatch.Dimensions(images, nameof(RandomCrop));
        ArgumentNullException.ThrowIfNull(rng);
        if (Padding == 0) return;
        var data = images.AsSpan<float>();
        var plane = new float[h * w];
        for (int n = 0; n < b; n++)
        {
            // Offset of the window in the padded image, in [0, 2 · padding]; dy = padding keeps the image in place.
            int dy = rng.NextInt(2 * Padding + 1) - Padding, dx = rng.NextInt(2 * Padding + 1) - Padding;
            for (int ch = 0; ch < c; ch++)
            {
                var image = data.Slice((n * c + ch) * h * w, h * w);
                image.CopyTo(plane);
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                    {
                        int sy = y + dy, sx = x + dx;
                        image[y * w + x] = sy >= 0 && sy < h && sx >= 0 && sx < w ? plane[sy * w + sx] : 0f;
                    }
            }
        }
    }
}
