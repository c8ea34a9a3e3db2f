using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>Shared accumulation of the regression metrics over all elements of predictions and
/// targets of the same size (sums in double).</summary>
public abstract class RegressionMetric : IMergeableMetric
{
    /// <summary>Number of elements seen.</summary>
    protected long Count { get; private set; }

    /// <summary>Σ (prediction - target)².</summary>
    protected double SquaredError { get; private set; }

    /// <summary>Σ |prediction - target|.</summary>
    protected double AbsoluteError { get; private set; }

    /// <summary>Σ target.</summary>
    protected double TargetSum { get; private set; }

    /// <summary>Σ target².</summary>
    protected double TargetSquareSum { get; private set; }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract bool HigherIsBetter { get; }

    /// <inheritdoc/>
    public abstract double Result { get; }

    /// <inheritdoc/>
    public void Reset() => (Count, SquaredError, AbsoluteError, TargetSum, TargetSquareSum) = (0, 0, 0, 0, 0);

    /// <inheritdoc/>
    public int StateLength => 5;

    /// <inheritdoc/>
    public void ExportState(Span<double> state)
    {
        MetricState.CheckLength(state.Length, StateLength, Name);
        (state[0], state[1], state[2], state[3], state[4]) = (Count, SquaredError, AbsoluteError, TargetSum, TargetSquareSum);
    }

    /// <inheritdoc/>
    public void ImportState(ReadOnlySpan<double> state)
    {
        MetricState.CheckLength(state.Length, StateLength, Name);
        (Count, SquaredError, AbsoluteError, TargetSum, TargetSquareSum) = ((long)state[0], state[1], state[2], state[3], state[4]);
    }

    /// <inheritdoc/>
    public void Update(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (predictions.Numel != targets.Numel)
            throw new ArgumentException(
                $"{Name} expected predictions and targets with the same number of elements, got {Shapes.Format(predictions.Shape)} and {Shapes.Format(targets.Shape)}.");
        var p = predictions.ToArray<double>();
        var t = targets.ToArray<double>();
        double se = 0, ae = 0, sum = 0, sq = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double d = p[i] - t[i];
            se += d * d;
            ae += Math.Abs(d);
            sum += t[i];
            sq += t[i] * t[i];
        }
        (SquaredError, AbsoluteError, TargetSum, TargetSquareSum, Count) =
            (SquaredError + se, AbsoluteError + ae, TargetSum + sum, TargetSquareSum + sq, Count + p.Length);
    }
}
