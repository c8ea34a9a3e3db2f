using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>
/// The fraction of samples whose predicted class equals the target class. Predictions (N, C)
/// use the arg-max; a single score (N) or (N, 1) means class 1 when it is at least the threshold.
/// Targets: Int32 class indices, 0 / 1 floats, or one-hot rows.
/// </summary>
public sealed class AccuracyMetric : IMergeableMetric
{
    private long _correct;
    private long _total;

    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">Decision threshold for single-score outputs: 0.5 for probabilities (sigmoid), 0 for logits.</param>
    public AccuracyMetric(float threshold = 0.5f) => Threshold = threshold;

    /// <summary>The decision threshold for single-score outputs.</summary>
    public float Threshold { get; }

    /// <inheritdoc/>
    public string Name => "accuracy";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public void Reset() => (_correct, _total) = (0, 0);

    /// <inheritdoc/>
    public void Update(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        var predicted = ClassLabels.Predicted(predictions, Threshold, "Accuracy");
        var actual = ClassLabels.Actual(targets, predicted.Length, "Accuracy");
        for (int i = 0; i < predicted.Length; i++)
            if (predicted[i] == actual[i]) _correct++;
        _total += predicted.Length;
    }

    /// <inheritdoc/>
    public int StateLength => 2;

    /// <inheritdoc/>
    public void ExportState(Span<double> state)
    {
        MetricState.CheckLength(state.Length, StateLength, Name);
        (state[0], state[1]) = (_correct, _total);
    }

    /// <inheritdoc/>
    public void ImportState(ReadOnlySpan<double> state)
    {
        MetricState.CheckLength(state.Length, StateLength, Name);
        (_correct, _total) = ((long)state[0], (long)state[1]);
    }

    /// <inheritdoc/>
    public double Result => _total == 0 ? double.NaN : (double)_correct / _total;
}
