using DeepSharp.Cli.Plots;
using DeepSharp.Training;
using DeepSharp.Plotting;

namespace DeepSharp.Cli.Plots;

/// <summary>Training curves from a <see cref="History"/>: loss, and the metric when there is one.</summary>
internal static class HistoryPlots
{
    /// <summary>Loss (train and, when measured, validation) and the metric panel (labelled with
    /// <see cref="History.MetricName"/>, or "Accuracy" when the history does not name it) against epoch.</summary>
    /// <exception cref="ArgumentException">The history is empty.</exception>
    public static TrainingCurves Curves(History history, TrainingCurvesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0) throw new ArgumentException("Cannot plot an empty training history: it has no epochs.", nameof(history));
        var epochs = history.Epochs;
        double[] x = epochs.Select(r => (double)r.Epoch).ToArray();
        double[] trainLoss = epochs.Select(r => r.TrainLoss).ToArray();
        double[]? valLoss = Column(epochs, r => r.ValidationLoss);
        double[]? trainMetric = Column(epochs, r => r.TrainMetric);
        double[]? valMetric = Column(epochs, r => r.ValidationMetric);
        options ??= new TrainingCurvesOptions();
        if (history.MetricName is { Length: > 0 } name && options.AccuracyLabel == "Accuracy")
            options = options with { AccuracyLabel = char.ToUpperInvariant(name[0]) + name[1..] };
        return new TrainingCurves(x, trainLoss, valLoss, trainMetric, valMetric, options);
    }

    // Null when no epoch has the value; NaN marks the epochs that lack it.
    private static double[]? Column(IReadOnlyList<EpochRecord> epochs, Func<EpochRecord, double?> get) =>
        epochs.Any(r => get(r) is not null) ? epochs.Select(r => get(r) ?? double.NaN).ToArray() : null;
}
