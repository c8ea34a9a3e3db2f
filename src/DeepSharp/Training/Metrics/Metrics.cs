using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>One-shot metrics over a whole prediction tensor (the streaming forms are the <see cref="IMetric"/> classes).</summary>
public static class Metrics
{
    /// <summary>Fraction of correct class predictions (see <see cref="AccuracyMetric"/>).</summary>
    public static double Accuracy(Tensor predictions, Tensor targets, float threshold = 0.5f) => Once(new AccuracyMetric(threshold), predictions, targets);

    /// <summary>Fraction of samples whose class is among the <paramref name="k"/> best scores.</summary>
    public static double TopKAccuracy(Tensor predictions, Tensor targets, int k) => Once(new TopKAccuracyMetric(k), predictions, targets);

    /// <summary>Mean squared error.</summary>
    public static double MeanSquaredError(Tensor predictions, Tensor targets) => Once(new MeanSquaredErrorMetric(), predictions, targets);

    /// <summary>Mean absolute error.</summary>
    public static double MeanAbsoluteError(Tensor predictions, Tensor targets) => Once(new MeanAbsoluteErrorMetric(), predictions, targets);

    /// <summary>Coefficient of determination R².</summary>
    public static double R2(Tensor predictions, Tensor targets) => Once(new R2Metric(), predictions, targets);

    /// <summary>The confusion matrix of class predictions; <paramref name="classes"/> defaults to the
    /// number of score columns (2 for a single score).</summary>
    public static ConfusionMatrix Confusion(Tensor predictions, Tensor targets, int? classes = null, float threshold = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var (_, columns) = ClassLabels.Layout(predictions, "Confusion");
        var matrix = new ConfusionMatrix(classes ?? Math.Max(columns, 2));
        matrix.Add(predictions, targets, threshold);
        return matrix;
    }

    private static double Once(IMetric metric, Tensor predictions, Tensor targets)
    {
        metric.Update(predictions, targets);
        return metric.Result;
    }
}
