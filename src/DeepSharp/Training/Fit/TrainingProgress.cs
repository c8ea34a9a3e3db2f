namespace DeepSharp.Training;

/// <summary>Progress reported after every training batch.</summary>
/// <param name="Epoch">Current epoch, from 1.</param>
/// <param name="Epochs">Maximum number of epochs.</param>
/// <param name="Batch">Batches done in this epoch, from 1.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Mean training loss of the epoch so far.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss);
