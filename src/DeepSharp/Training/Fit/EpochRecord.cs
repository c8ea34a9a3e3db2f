namespace DeepSharp.Training;

/// <summary>What happened in one epoch.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="TrainLoss">Mean training loss over the samples of the epoch (weighted by batch size; NaN if every batch was skipped).</param>
/// <param name="TrainMetric">The metric over the epoch's training batches (computed before each update), or null without a metric.</param>
/// <param name="ValidationLoss">Mean loss on the validation data after the epoch, or null without validation data.</param>
/// <param name="ValidationMetric">The metric on the validation data, or null.</param>
/// <param name="LearningRate">The learning rate used during the epoch (first parameter group).</param>
/// <param name="Seconds">Wall-clock duration of the epoch including validation.</param>
/// <param name="SkippedBatches">Batches skipped for a non-finite loss under <see cref="NanPolicy.SkipBatch"/>.</param>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double? TrainMetric,
    double? ValidationLoss,
    double? ValidationMetric,
    double LearningRate,
    double Seconds,
    int SkippedBatches = 0)
{
    /// <summary>The monitored value of this epoch, or null when it was not measured.</summary>
    public double? Get(MonitoredQuantity quantity) => quantity switch
    {
        MonitoredQuantity.TrainLoss => TrainLoss,
        MonitoredQuantity.TrainMetric => TrainMetric,
        MonitoredQuantity.ValidationLoss => ValidationLoss,
        MonitoredQuantity.ValidationMetric => ValidationMetric,
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Unknown monitored quantity."),
    };
}
