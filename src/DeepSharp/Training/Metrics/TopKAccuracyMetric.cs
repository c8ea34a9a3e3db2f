using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>The fraction of samples whose target class is among the k highest scores of its row
/// (ties broken toward the lower class index). Predictions (N, C), targets Int32 class indices (N).</summary>
public sealed class TopKAccuracyMetric : IMetric
{
    private long _correct;
    private long _total;

    /// <summary>Creates the metric for <paramref name="k"/> ≥ 1.</summary>
    public TopKAccuracyMetric(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        K = k;
    }

    /// <summary>k.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public string Name => $"top{K}_accuracy";

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public void Reset() => (_correct, _total) = (0, 0);

    /// <inheritdoc/>
    public void Update(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        var (rows, columns) = ClassLabels.Layout(predictions, "TopKAccuracy");
        var actual = ClassLabels.Actual(targets, rows, "TopKAccuracy");
        var scores = ClassLabels.Floats(predictions);
        for (int r = 0; r < rows; r++)
        {
            int target = actual[r];
            if ((uint)target >= (uint)columns)
                throw new ArgumentOutOfRangeException(nameof(targets), target, $"TopKAccuracy: target class {target} of sample {r} is outside [0, {columns}).");
            // The target is in the top k when fewer than k classes rank above it.
            float s = scores[r * columns + target];
            int above = 0;
            for (int c = 0; c < columns; c++)
            {
                float v = scores[r * columns + c];
                if (v > s || (v == s && c < target)) above++;
            }
            if (above < K) _correct++;
        }
        _total += rows;
    }

    /// <inheritdoc/>
    public double Result => _total == 0 ? double.NaN : (double)_correct / _total;
}
