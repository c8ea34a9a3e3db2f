namespace DeepSharp.Training;

/// <summary>
/// What <see cref="Trainer"/>.Fit needs from data-parallel training over several processes, each
/// running the same loop on its own shard of the data (implemented by
/// <c>DeepSharp.Distributed.DistributedDataParallel</c>; set it as <see cref="FitOptions.DataParallel"/>).
/// </summary>
/// <remarks>
/// Every rank calls the members in the same order, so they may communicate. With it, Fit
/// (1) calls <see cref="SynchronizeGradients"/> after every backward pass, before clipping and the
/// optimizer step, so every rank steps with the same averaged gradients; (2) skips or fails a step
/// on every rank when the loss of any rank is not finite; (3) reports the training loss and, for an
/// <see cref="IMergeableMetric"/>, the training metric over all ranks' samples.
/// </remarks>
public interface IDataParallel
{
    /// <summary>This process's index, from 0.</summary>
    int Rank { get; }

    /// <summary>The number of processes.</summary>
    int WorldSize { get; }

    /// <summary>Waits until the gradients of this step are averaged over all ranks and written back
    /// into the parameters' gradients.</summary>
    void SynchronizeGradients();

    /// <summary>Replaces every element of <paramref name="values"/> by its sum over all ranks.</summary>
    void SumAcrossRanks(Span<double> values);
}
