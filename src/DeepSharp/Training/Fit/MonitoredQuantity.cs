namespace DeepSharp.Training;

/// <summary>A per-epoch value that stopping rules watch.</summary>
public enum MonitoredQuantity
{
    /// <summary><see cref="EpochRecord.TrainLoss"/>.</summary>
    TrainLoss,
    /// <summary><see cref="EpochRecord.TrainMetric"/>.</summary>
    TrainMetric,
    /// <summary><see cref="EpochRecord.ValidationLoss"/>.</summary>
    ValidationLoss,
    /// <summary><see cref="EpochRecord.ValidationMetric"/>.</summary>
    ValidationMetric,
}
