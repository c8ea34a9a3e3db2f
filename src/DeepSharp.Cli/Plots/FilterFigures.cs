using System.Globalization;
using DeepSharp.Nn;
using DeepSharp.Plotting;

namespace DeepSharp.Cli.Plots;

/// <summary>The learned filters of a convolutional model's first layer, as small images.</summary>
internal static class FilterFigures
{
    /// <summary>The first <see cref="Conv2d"/> of <paramref name="model"/> (in registration order), or null when it has none.</summary>
    public static (string Name, Conv2d Layer)? FirstConvolution(Module model)
    {
        foreach (var (name, module) in model.NamedModules())
            if (module is Conv2d conv) return (name, conv);
        return null;
    }

    /// <summary>One image per (filter, input channel) of the layer's weight (F, C, kh, kw), each
    /// scaled from its own minimum (black) to maximum (white), captioned "f{filter}" (and "c{channel}"
    /// with several channels); at most <paramref name="max"/> images.</summary>
    public static ImageGrid Filters(Conv2d layer, string title, int max = 256)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var shape = layer.Weight.ShapeArray;
        int filters = shape[0], channels = shape[1], kh = shape[2], kw = shape[3], size = kh * kw;
        float[] weights = layer.Weight.Detach().Contiguous().ToFloatArray();
        int count = Math.Min(max, filters * channels);
        var images = new float[count * size];
        var captions = new string[count];
        for (int k = 0; k < count; k++)
        {
            var source = weights.AsSpan(k * size, size);
            float lo = float.MaxValue, hi = float.MinValue;
            foreach (float v in source) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
            float range = hi > lo ? hi - lo : 1;
            for (int i = 0; i < size; i++) images[k * size + i] = (source[i] - lo) / range;
            int f = k / channels, c = k % channels;
            captions[k] = channels == 1 ? string.Create(CultureInfo.InvariantCulture, $"f{f}") : string.Create(CultureInfo.InvariantCulture, $"f{f} c{c}");
        }
        int columns = Math.Min(channels == 1 ? 8 : channels, 16);
        int scale = Math.Clamp(64 / Math.Max(kh, kw), 4, 32);
        return new ImageGrid(images, count, kh, kw, captions, null, new ImageGridOptions { Title = title, Columns = Math.Min(columns, count), Scale = scale });
    }
}
