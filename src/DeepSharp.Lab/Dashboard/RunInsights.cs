using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Lab.Dashboard;

/// <summary>Computes the dashboard's pictures of a model with the library: decision regions,
/// confusion matrix, misclassified images, first-layer filters.</summary>
public static class RunInsights
{
    /// <summary>Most misclassified images kept per epoch.</summary>
    public const int MaxMisclassified = 24;

    /// <summary>Most evaluation samples per epoch.</summary>
    public const int MaxSamples = 2000;

    /// <summary>Most 2-D points stored for the boundary plot.</summary>
    public const int MaxPoints = 1000;

    /// <summary>Cells per side of the decision regions.</summary>
    public const int BoundarySize = 64;

    /// <summary>The pictures of <paramref name="model"/> after epoch <paramref name="epoch"/>.</summary>
    /// <param name="model">The model (set to evaluation mode for the pass, then restored).</param>
    /// <param name="epoch">The epoch number.</param>
    /// <param name="inputs">Evaluation inputs (N, ...), at most <see cref="MaxSamples"/>.</param>
    /// <param name="labels">Their classes.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="extent">For 2-D data the box of the decision regions, else null.</param>
    /// <param name="images">For image data (rows, cols), else null.</param>
    public static EpochInsight Compute(Module model, int epoch, Tensor inputs, int[] labels, int classes, double[]? extent, (int Rows, int Cols)? images)
    {
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            var predicted = Predictions.Classes(Predictions.Probabilities(model.Forward(inputs)));
            int k = Math.Max(classes, predicted.DefaultIfEmpty().Max() + 1);
            var confusion = new long[k][];
            for (int a = 0; a < k; a++) confusion[a] = new long[k];
            for (int i = 0; i < labels.Length; i++) confusion[labels[i]][predicted[i]]++;
            var wrong = images is { } shape ? Misclassified(inputs, labels, predicted, shape.Rows * shape.Cols) : [];
            return new EpochInsight(epoch, extent is null ? null : Boundary(model, extent), confusion, labels.Length, wrong, Filters(model));
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>The decision regions of a 2-input classifier over <paramref name="extent"/> [minX, maxX, minY, maxY].</summary>
    public static BoundaryImage Boundary(Module model, double[] extent)
    {
        int n = BoundarySize;
        var xy = new float[2 * n * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                int i = r * n + c;
                xy[2 * i] = (float)(extent[0] + (c + 0.5) * (extent[1] - extent[0]) / n);
                xy[2 * i + 1] = (float)(extent[3] - (r + 0.5) * (extent[3] - extent[2]) / n);
            }
        using var _ = GradMode.NoGrad();
        var p = Predictions.Probabilities(model.Forward(Tensor.FromArray(xy, n * n, 2)));
        var cls = new byte[n * n];
        var conf = new byte[n * n];
        for (int i = 0; i < n * n; i++)
        {
            int best = 0;
            for (int c = 1; c < p.GetLength(1); c++)
                if (p[i, c] > p[i, best]) best = c;
            cls[i] = (byte)Math.Min(best, 255);
            conf[i] = (byte)Math.Round(Math.Clamp(p[i, best], 0f, 1f) * 255);
        }
        return new BoundaryImage(n, Convert.ToBase64String(cls), Convert.ToBase64String(conf));
    }

    /// <summary>The first <see cref="Conv2d"/>'s filters, or null when the model has none.</summary>
    public static FilterSet? Filters(Module model)
    {
        var conv = model.NamedModules().Select(m => m.Module).OfType<Conv2d>().FirstOrDefault();
        if (conv is null) return null;
        var w = conv.Weight;
        int count = w.Size(0), channels = w.Size(1), h = w.Size(2), width = w.Size(3);
        var values = w.Contiguous().ToArray<float>();
        int per = channels * h * width;
        var bytes = new byte[values.Length];
        for (int f = 0; f < count; f++)
        {
            float scale = 0;
            for (int i = 0; i < per; i++) scale = Math.Max(scale, Math.Abs(values[f * per + i]));
            for (int i = 0; i < per; i++)
                bytes[f * per + i] = (byte)(128 + Math.Round(scale > 0 ? values[f * per + i] / scale * 127 : 0));
        }
        return new FilterSet(count, channels, h, width, Convert.ToBase64String(bytes));
    }

    private static MisclassifiedImage[] Misclassified(Tensor inputs, int[] labels, int[] predicted, int pixels)
    {
        var result = new List<MisclassifiedImage>();
        float[]? values = null;
        for (int i = 0; i < labels.Length && result.Count < MaxMisclassified; i++)
        {
            if (labels[i] == predicted[i]) continue;
            values ??= inputs.Contiguous().ToArray<float>();
            var image = values.AsSpan(i * pixels, pixels);
            float min = float.MaxValue, max = float.MinValue;
            foreach (float v in image) (min, max) = (Math.Min(min, v), Math.Max(max, v));
            var bytes = new byte[pixels];
            for (int j = 0; j < pixels; j++) bytes[j] = (byte)(max > min ? Math.Round((image[j] - min) / (max - min) * 255) : 0);
            result.Add(new MisclassifiedImage(i, labels[i], predicted[i], Convert.ToBase64String(bytes)));
        }
        return [.. result];
    }
}
