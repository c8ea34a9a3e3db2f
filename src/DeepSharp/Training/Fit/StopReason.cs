namespace DeepSharp.Training;

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>All requested epochs ran.</summary>
    MaxEpochs,
    /// <summary><see cref="EarlyStopping"/> saw no improvement for its patience.</summary>
    EarlyStopping,
    /// <summary>The training loss changed by less than <see cref="FitOptions.LossChangeTolerance"/>.</summary>
    LossConverged,
    /// <summary>The metric reached <see cref="FitOptions.TargetMetric"/>.</summary>
    TargetMetricReached,
    /// <summary>A callback asked to stop.</summary>
    Callback,
}
