using System.Collections;
using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>
/// Iterates a dataset in batches: each enumeration (<c>foreach</c>) is one epoch. With shuffling,
/// every epoch visits the samples in a new random order that depends only on the seed and the
/// epoch number, so runs are reproducible.
/// </summary>
/// <remarks>
/// <para>Batches are collated into buffers that the loader reuses, so the steady state allocates
/// no tensors: a <see cref="Batch"/> is valid until the enumerator moves to the next one (clone it
/// to keep it). One enumeration may be active at a time.</para>
/// <para>With <c>prefetch</c>, a background task gathers batch k + 1 into a second buffer while
/// the caller works on batch k (double buffering); the batches are identical to those without it.</para>
/// <para>With a <see cref="DistributedSampler"/>, each epoch's order is computed over the whole
/// dataset as without one, and the loader visits only the sampler's shard of it (data-parallel
/// training: every process holds the dataset and reads its own share).</para>
/// </remarks>
public sealed class DataLoader : IEnumerable<Batch>
{
    private readonly int[] _order;
    private readonly int[]? _shard;
    private readonly BufferPair?[] _full = new BufferPair?[2];
    private BufferPair? _partial;
    private bool _active;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch: the dataset size for full-batch gradient descent,
    /// 1 for stochastic gradient descent, anything between for mini-batches.</param>
    /// <param name="shuffle">Visit the samples in a new random order every epoch.</param>
    /// <param name="seed">Seed of the shuffling.</param>
    /// <param name="dropLast">Skip the last batch when it would be smaller than <paramref name="batchSize"/>.</param>
    /// <param name="prefetch">Gather the next batch on a background task.</param>
    /// <param name="sampler">Visit only this process's shard of every epoch, or null for all samples.</param>
    public DataLoader(IDataset dataset, int batchSize, bool shuffle = false, ulong seed = 0, bool dropLast = false, bool prefetch = false,
        DistributedSampler? sampler = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be positive.");
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Prefetch = prefetch;
        Sampler = sampler;
        _order = new int[dataset.Count];
        if (sampler is not null) _shard = new int[sampler.ShardSize(dataset.Count)];
    }

    /// <summary>The shard this loader visits, or null for the whole dataset.</summary>
    public DistributedSampler? Sampler { get; }

    /// <summary>The dataset being iterated.</summary>
    public IDataset Dataset { get; }

    /// <summary>Samples per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch uses a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>The shuffling seed.</summary>
    public ulong Seed { get; }

    /// <summary>Whether a final smaller batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Whether batches are gathered ahead on a background task.</summary>
    public bool Prefetch { get; }

    /// <summary>Applied in place to each batch's inputs after they are gathered (augmentation,
    /// normalization), or null. Batch b of epoch e draws from its own generator, derived from
    /// <see cref="Seed"/>, e and b, so the draws are reproducible, new every epoch, and the same
    /// with or without prefetching.</summary>
    public IBatchTransform? Transform { get; init; }

    /// <summary>The index of the next epoch to be enumerated (0 at first). Set it to resume a run:
    /// epoch e always uses the same order for a given seed.</summary>
    public int Epoch
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Epoch), value, "Epoch must be non-negative.");
    }

    /// <summary>Samples per epoch before batching: the dataset's count, or the sampler's shard size.</summary>
    private int Available => _shard?.Length ?? Dataset.Count;

    /// <summary>Number of samples visited per epoch.</summary>
    public int SampleCount => DropLast ? Available / BatchSize * BatchSize : Available;

    /// <summary>Number of batches per epoch.</summary>
    public int BatchCount => DropLast ? Available / BatchSize : (Available + BatchSize - 1) / BatchSize;

    /// <summary>Starts an epoch: fixes the sample order and advances <see cref="Epoch"/>.</summary>
    /// <exception cref="InvalidOperationException">Another enumeration of this loader is still active.</exception>
    public IEnumerator<Batch> GetEnumerator()
    {
        if (_active)
            throw new InvalidOperationException("This DataLoader is already being enumerated; batches share buffers, so finish or dispose the previous enumeration first.");
        _active = true;
        if (Shuffle) new RandomGenerator(EpochSeed(Seed, Epoch)).Permutation(_order);
        else for (int i = 0; i < _order.Length; i++) _order[i] = i;
        if (_shard is not null) Sampler!.Select(_order, _shard);
        Epoch++;
        return new Enumerator(this, Epoch - 1);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Keeps the transform's draws apart from the shuffling's for the same seed.</summary>
    private const ulong TransformSalt = 0x6A09E667F3BCC908UL;

    /// <summary>A well-mixed seed for one epoch (SplitMix64 finalizer over seed and epoch), so
    /// neighbouring epochs get unrelated generators.</summary>
    private static ulong EpochSeed(ulong seed, int epoch)
    {
        ulong z = seed ^ ((ulong)epoch * 0xD1B54A32D192ED03UL + 0x8CB92BA72F3D8DD7UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The buffers batch <paramref name="index"/> is gathered into.</summary>
    private BufferPair BuffersFor(int index)
    {
        int start = index * BatchSize;
        int size = Math.Min(BatchSize, Available - start);
        if (size < BatchSize) return _partial ??= new BufferPair(Dataset, size);
        return _full[index & 1] ??= new BufferPair(Dataset, size);
    }

    private Batch Fill(int index, int epoch)
    {
        var buffers = BuffersFor(index);
        int start = index * BatchSize;
        // New handles on the reused memory: a batch kept from two steps ago now throws when read
        // instead of silently showing this batch's values.
        buffers.Reissue();
        Dataset.GetBatch((_shard ?? _order).AsSpan(start, buffers.Inputs.Size(0)), buffers.Inputs, buffers.Targets);
        Transform?.Apply(buffers.Inputs, new RandomGenerator(EpochSeed(EpochSeed(Seed ^ TransformSalt, epoch), index)));
        return new Batch(buffers.Inputs, buffers.Targets, index);
    }

    private sealed class BufferPair
    {
        public BufferPair(IDataset dataset, int size)
        {
            using var outside = TensorArena.Suspend(); // the buffers outlive any training step
            Inputs = Tensor.Zeros([size, .. dataset.InputShape], dataset.InputDType);
            Targets = Tensor.Zeros([size, .. dataset.TargetShape], dataset.TargetDType);
        }

        public Tensor Inputs { get; private set; }
        public Tensor Targets { get; private set; }

        public void Reissue()
        {
            Inputs = Inputs.Reissue();
            Targets = Targets.Reissue();
        }
    }

    private sealed class Enumerator(DataLoader loader, int epoch) : IEnumerator<Batch>
    {
        private readonly int _batches = loader.BatchCount;
        private int _next;
        private Task<Batch>? _pending;
        private bool _disposed;

        public Batch Current { get; private set; }

        object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_next >= _batches) return false;
            Batch batch;
            if (_pending is { } pending)
            {
                _pending = null;
                batch = pending.GetAwaiter().GetResult();
            }
            else batch = loader.Fill(_next, epoch);
            _next++;
            // Batch k + 1 goes into the other buffer (or the partial one): the caller's batch stays intact.
            if (loader.Prefetch && _next < _batches) _pending = StartFill(_next);
            Current = batch;
            return true;
        }

        /// <summary>Gathers batch <paramref name="index"/> on the thread pool (a separate method so the
        /// closure is allocated only when prefetching).</summary>
        private Task<Batch> StartFill(int index) => Task.Run(() => loader.Fill(index, epoch));

        public void Reset() => throw new NotSupportedException("Start a new epoch with a new foreach instead.");

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (_pending is { } pending)
            {
                // The caller stopped early; wait so the buffers are free for the next epoch.
                try { pending.Wait(); } catch (AggregateException) { }
            }
            loader._active = false;
        }
    }
}
