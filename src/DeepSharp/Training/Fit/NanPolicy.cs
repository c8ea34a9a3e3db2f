namespace DeepSharp.Training;

/// <summary>What <see cref="Trainer.Fit(DeepSharp.Nn.Module, Func{DeepSharp.Tensors.Tensor, DeepSharp.Tensors.Tensor, DeepSharp.Tensors.Tensor}, DeepSharp.Optim.Optimizer, DeepSharp.Data.DataLoader, FitOptions?)"/>
/// does when a batch's loss is NaN or infinite.</summary>
public enum NanPolicy
{
    /// <summary>Stop with a <see cref="TrainingDivergedException"/> naming the epoch and batch.</summary>
    Throw,
    /// <summary>Skip the batch (no update) and count it in <see cref="EpochRecord.SkippedBatches"/>.</summary>
    SkipBatch,
}
