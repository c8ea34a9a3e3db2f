using System.Globalization;

namespace DeepSharp.Training;

/// <summary>
/// Stops training when a monitored value has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs in a row, optionally restoring the weights of the best epoch at
/// the end of training.
/// </summary>
public sealed class EarlyStopping : TrainingCallback
{
    private readonly WeightSnapshot _snapshot = new();
    private bool _lowerIsBetter;
    private int _wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The value watched (validation loss by default).</param>
    /// <param name="patience">Epochs without improvement before stopping (≥ 1).</param>
    /// <param name="minDelta">Smallest change that counts as an improvement (≥ 0).</param>
    /// <param name="restoreBestWeights">At the end of training, copy back the parameters and buffers of the best epoch.</param>
    /// <param name="mode">Whether lower or higher is better; Auto: lower for losses, the metric's preference for metrics.</param>
    public EarlyStopping(MonitoredQuantity monitor = MonitoredQuantity.ValidationLoss, int patience = 5, double minDelta = 0,
        bool restoreBestWeights = false, MonitorMode mode = MonitorMode.Auto)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be at least 1.");
        if (!(minDelta >= 0) || double.IsInfinity(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be finite and non-negative.");
        Monitor = monitor;
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
        Mode = mode;
    }

    /// <summary>The value watched.</summary>
    public MonitoredQuantity Monitor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether the best weights are restored at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The improvement direction.</summary>
    public MonitorMode Mode { get; }

    /// <summary>The best value seen (NaN before the first epoch).</summary>
    public double Best { get; private set; } = double.NaN;

    /// <summary>The epoch of <see cref="Best"/> (0 before the first epoch).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The epoch at which this callback stopped training, or 0.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        bool isLoss = Monitor is MonitoredQuantity.TrainLoss or MonitoredQuantity.ValidationLoss;
        _lowerIsBetter = Mode switch
        {
            MonitorMode.Min => true,
            MonitorMode.Max => false,
            _ => isLoss || !(context.Options.Metric?.HigherIsBetter ?? true),
        };
        if (!isLoss && context.Options.Metric is null)
            throw new InvalidOperationException($"EarlyStopping monitors {Monitor} but FitOptions.Metric is not set.");
        if (Monitor is MonitoredQuantity.ValidationLoss or MonitoredQuantity.ValidationMetric && context.Options.Validation is null)
            throw new InvalidOperationException($"EarlyStopping monitors {Monitor} but FitOptions.Validation is not set.");
        (Best, BestEpoch, StoppedEpoch, _wait) = (double.NaN, 0, 0, 0);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        double value = record.Get(Monitor) ?? double.NaN;
        bool improved = !double.IsNaN(value) && (BestEpoch == 0 || (_lowerIsBetter ? value < Best - MinDelta : value > Best + MinDelta));
        if (improved)
        {
            (Best, BestEpoch, _wait) = (value, record.Epoch, 0);
            if (RestoreBestWeights) _snapshot.Capture(context.Model);
            return;
        }
        if (++_wait >= Patience)
        {
            StoppedEpoch = record.Epoch;
            context.RequestStop(StopReason.EarlyStopping);
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (RestoreBestWeights && _snapshot.HasValue && context.History.Last?.Epoch != BestEpoch) _snapshot.Restore();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"EarlyStopping({Monitor}, patience {Patience}, best {Best} at epoch {BestEpoch})");
}
