using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>
/// A metric accumulated over batches: <see cref="Reset"/>, then <see cref="Update"/> per batch,
/// then <see cref="Result"/> over all samples seen (not an average of batch values).
/// </summary>
public interface IMetric
{
    /// <summary>A short name for logs, e.g. <c>accuracy</c>.</summary>
    string Name { get; }

    /// <summary>True when larger values are better (accuracy, R²), false for errors (MSE).</summary>
    bool HigherIsBetter { get; }

    /// <summary>Forgets everything accumulated.</summary>
    void Reset();

    /// <summary>Adds a batch of model outputs and their targets.</summary>
    void Update(Tensor predictions, Tensor targets);

    /// <summary>The metric over everything since <see cref="Reset"/> (NaN when nothing was added).</summary>
    double Result { get; }
}
