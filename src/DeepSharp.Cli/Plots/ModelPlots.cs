using DeepSharp.Cli.Plots;
using DeepSharp.Training;
using DeepSharp.Plotting;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Plots;

/// <summary>Plots of a trained classifier: its decision regions on 2-D data, the test images it
/// got wrong, and its confusion matrix.</summary>
internal static class ModelPlots
{
    /// <summary>The decision regions of <paramref name="model"/> (inputs (N, 2)) with the data points on top.</summary>
    /// <param name="model">A classifier of 2-D points; its outputs go through <see cref="Predictions.Probabilities"/>.</param>
    /// <param name="points">The data, (N, 2) flattened row-major.</param>
    /// <param name="labels">The true class of each point.</param>
    /// <param name="options">Plot options; defaults when null.</param>
    public static DecisionBoundaryPlot DecisionBoundary(Module model, float[] points, int[] labels, DecisionBoundaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new DecisionBoundaryPlot((batch, count) => Flatten(Predictions.Predict(model, Tensor.Wrap(batch, count, 2))), points, labels, options);
    }

    /// <summary>
    /// Up to <paramref name="max"/> of the images whose predicted class differs from the true one,
    /// captioned "T:true" / "P:predicted" in red; null when there are none.
    /// </summary>
    /// <param name="pixels">Images in [0, 1], (N, rows, cols) flattened row-major.</param>
    /// <param name="rows">Image height.</param>
    /// <param name="cols">Image width.</param>
    /// <param name="actual">True class per image.</param>
    /// <param name="predicted">Predicted class per image.</param>
    /// <param name="classNames">Names by class index.</param>
    /// <param name="max">Most images shown (1..1000).</param>
    public static ImageGrid? Misclassified(ReadOnlySpan<float> pixels, int rows, int cols, int[] actual, int[] predicted,
        IReadOnlyList<string> classNames, int max = 40)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(classNames);
        if (max is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(max), max, "max must be between 1 and 1000.");
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"Expected one prediction per label ({actual.Length}), got {predicted.Length}.", nameof(predicted));
        int size = rows * cols;
        if ((long)actual.Length * size != pixels.Length)
            throw new ArgumentException($"Expected {actual.Length} images of {rows}x{cols} ({(long)actual.Length * size} values), got {pixels.Length}.", nameof(pixels));
        var wrong = Enumerable.Range(0, actual.Length).Where(i => actual[i] != predicted[i]).Take(max).ToArray();
        if (wrong.Length == 0) return null;
        var images = new float[wrong.Length * size];
        for (int j = 0; j < wrong.Length; j++) pixels.Slice(wrong[j] * size, size).CopyTo(images.AsSpan(j * size));
        var captions = wrong.Select(i => $"T:{Name(classNames, actual[i])}\nP:{Name(classNames, predicted[i])}").ToArray();
        var colors = wrong.Select(_ => new Rgba(200, 30, 30)).ToArray();
        return new ImageGrid(images, wrong.Length, rows, cols, captions, colors,
            new ImageGridOptions { Title = $"Misclassified ({wrong.Length} shown)", Columns = Math.Min(10, wrong.Length) });
    }

    /// <summary>The heat map of a confusion matrix with class names on both axes.</summary>
    public static ConfusionMatrixPlot Confusion(ConfusionMatrix confusion, IReadOnlyList<string>? classNames = null, ConfusionMatrixOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        int n = confusion.Classes;
        var counts = new int[n, n];
        for (int a = 0; a < n; a++)
            for (int p = 0; p < n; p++) counts[a, p] = (int)Math.Min(int.MaxValue, confusion[a, p]);
        var names = classNames is not null && classNames.Count == n ? classNames : null;
        return new ConfusionMatrixPlot(counts, names, options);
    }

    private static string Name(IReadOnlyList<string> names, int c) => c >= 0 && c < names.Count ? names[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static float[] Flatten(float[,] values)
    {
        var result = new float[values.Length];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(float));
        return result;
    }
}
