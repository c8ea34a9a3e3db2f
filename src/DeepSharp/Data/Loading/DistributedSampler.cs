namespace DeepSharp.Data;

/// <summary>
/// Which share of each epoch's samples one of several data-parallel processes visits (PyTorch's
/// <c>DistributedSampler</c> rules): the epoch's order over the whole dataset (the same order a
/// single <see cref="DataLoader"/> with the same seed uses) is padded by repeating its first
/// indices up to a multiple of <see cref="Replicas"/>, or with <see cref="DropTail"/> cut down to
/// one, and rank r takes positions r, r + N, r + 2N, ...
/// </summary>
/// <remarks>
/// The shards of one epoch are disjoint (apart from the padding) and equal-sized. Because they
/// interleave, batch k of every rank together holds exactly the samples of batch k of one process
/// with an N times larger batch whenever the shard size is a multiple of the batch size, so N
/// ranks with batch B follow the same trajectory as one process with batch N·B. This is index
/// arithmetic only; the processes themselves are run by <c>DeepSharp.Distributed</c>.
/// </remarks>
public sealed record DistributedSampler
{
    /// <summary>Creates the sampler of rank <paramref name="rank"/> of <paramref name="replicas"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">replicas &lt; 1 or rank outside [0, replicas).</exception>
    public DistributedSampler(int rank, int replicas, bool dropTail = false)
    {
        if (replicas < 1) throw new ArgumentOutOfRangeException(nameof(replicas), replicas, "replicas must be at least 1.");
        if (rank < 0 || rank >= replicas)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in [0, {replicas}), the number of replicas.");
        Rank = rank;
        Replicas = replicas;
        DropTail = dropTail;
    }

    /// <summary>This process's index among the replicas.</summary>
    public int Rank { get; }

    /// <summary>The number of processes sharing each epoch.</summary>
    public int Replicas { get; }

    /// <summary>Cut the epoch's order to a multiple of <see cref="Replicas"/> instead of padding it
    /// (PyTorch's <c>drop_last</c> of the sampler).</summary>
    public bool DropTail { get; }

    /// <summary>The samples this rank visits per epoch for a dataset of <paramref name="count"/> samples.</summary>
    public int ShardSize(int count) => DropTail ? count / Replicas : (count + Replicas - 1) / Replicas;

    /// <summary>Writes this rank's shard of <paramref name="order"/> (an epoch's order over the whole
    /// dataset) into <paramref name="shard"/>, whose length must be <see cref="ShardSize"/>.</summary>
    /// <exception cref="ArgumentException">The shard has the wrong length, or the order is empty while a shard is needed.</exception>
    public void Select(ReadOnlySpan<int> order, Span<int> shard)
    {
        int size = ShardSize(order.Length);
        if (shard.Length != size)
            throw new ArgumentException($"DistributedSampler: the shard of {order.Length} samples over {Replicas} replicas holds {size} indices, got a buffer of {shard.Length}.", nameof(shard));
        if (size > 0 && order.Length == 0)
            throw new ArgumentException("DistributedSampler: cannot pad an empty order.", nameof(order));
        for (int i = 0; i < size; i++)
        {
            long position = Rank + (long)i * Replicas;
            shard[i] = order[(int)(position % order.Length)]; // positions past the end wrap to the start: PyTorch's padding
        }
    }
}
