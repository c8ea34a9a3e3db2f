using System.Diagnostics;
using System.Runtime.CompilerServices;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Distributed;

/// <summary>
/// Data-parallel training of one model over the ranks of a <see cref="ProcessGroup"/>, after
/// PyTorch's <c>DistributedDataParallel</c>: rank 0's parameters and buffers are broadcast when it
/// is created; the gradients are grouped into buckets (in reverse parameter order, the order the
/// backward pass finishes them) and each bucket's all-reduce is queued as soon as its last gradient
/// is final, so communication overlaps the rest of the backward pass; <see cref="SynchronizeGradients"/>
/// waits for the buckets and writes the averages back. Pass it as <see cref="FitOptions.DataParallel"/>.
/// </summary>
/// <remarks>
/// <para>Every rank then steps its optimizer with the same gradients from the same parameters, so
/// parameters and optimizer state stay identical without being sent. One backward pass per
/// <see cref="SynchronizeGradients"/>; CPU tensors (the buckets are host buffers). A parameter the
/// pass did not reach contributes zeros.</para>
/// <para>With one process (outside mpirun) the buckets still run, and training is unchanged.</para>
/// </remarks>
public sealed class DistributedDataParallel : IDataParallel, IDisposable
{
    private readonly GradientBucket[] _buckets;
    private readonly List<IDisposable> _hooks = [];
    private readonly StrongBox<long> _communicationTicks = new(0);
    private long _waitTicks;
    private int _nextLaunch;
    private bool _disposed;

    /// <summary>Wraps <paramref name="module"/>: broadcasts rank 0's parameters and buffers, builds the buckets and hooks the parameters.</summary>
    /// <exception cref="ArgumentException">The module has no trainable parameter, or one is neither Float32 nor Float64.</exception>
    public DistributedDataParallel(Module module, ProcessGroup group)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(group);
        Module = module;
        Group = group;
        foreach (var (_, value) in module.StateDict()) group.Broadcast(value);
        var parameters = module.Parameters().Where(p => p.RequiresGrad).ToList();
        if (parameters.Count == 0) throw new ArgumentException("DistributedDataParallel: the module has no trainable parameter.", nameof(module));
        foreach (var p in parameters)
            if (p.DType is not (DType.Float32 or DType.Float64))
                throw new ArgumentException($"DistributedDataParallel: parameters must be Float32 or Float64, found {p.DType}.", nameof(module));
        _buckets = Plan(parameters, group.Options.BucketBytes);
        foreach (var bucket in _buckets)
            foreach (var p in bucket.Parameters)
                _hooks.Add(p.RegisterPostAccumulateGradHook(_ => OnGradientReady(bucket)));
    }

    /// <summary>The wrapped model.</summary>
    public Module Module { get; }

    /// <summary>The processes it trains over.</summary>
    public ProcessGroup Group { get; }

    /// <inheritdoc/>
    public int Rank => Group.Rank;

    /// <inheritdoc/>
    public int WorldSize => Group.Size;

    /// <summary>The sizes in bytes of the gradient buckets, in launch order.</summary>
    public IReadOnlyList<int> BucketBytes => _buckets.Select(b => b.Bytes).ToArray();

    /// <summary>Steps synchronized so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Seconds the MPI thread spent reducing gradient buckets, over all steps.</summary>
    public double CommunicationSeconds => (double)Interlocked.Read(ref _communicationTicks.Value) / Stopwatch.Frequency;

    /// <summary>Seconds the training thread waited in <see cref="SynchronizeGradients"/> for reductions to finish.</summary>
    public double WaitSeconds => (double)_waitTicks / Stopwatch.Frequency;

    /// <summary>The fraction of the communication time hidden behind the backward pass:
    /// 1 - <see cref="WaitSeconds"/> / <see cref="CommunicationSeconds"/> (NaN before any communication).</summary>
    public double Overlap => CommunicationSeconds > 0 ? Math.Clamp(1 - WaitSeconds / CommunicationSeconds, 0, 1) : double.NaN;

    /// <summary>A sampler giving this rank its shard of every epoch (for the training <see cref="DataLoader"/>).</summary>
    public DistributedSampler CreateSampler(bool dropTail = false) => new(Rank, WorldSize, dropTail);

    /// <inheritdoc/>
    public void SynchronizeGradients()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long start = Stopwatch.GetTimestamp();
        // Buckets whose parameters this pass did not reach are launched now (with zeros), in order.
        for (int i = _nextLaunch; i < _buckets.Length; i++)
            while (!_buckets[i].Ready) _buckets[i].MarkReady();
        LaunchReady();
        foreach (var bucket in _buckets) Group.Wait(bucket.Reduction!, $"gradient all-reduce (bucket {bucket.Index}, {bucket.Bytes} bytes)");
        _waitTicks += Stopwatch.GetTimestamp() - start;
        foreach (var bucket in _buckets)
        {
            bucket.Scatter();
            bucket.Reset();
        }
        _nextLaunch = 0;
        Steps++;
    }

    /// <inheritdoc/>
    public void SumAcrossRanks(Span<double> values) => Group.AllReduce(values, ReduceOp.Sum);

    private void OnGradientReady(GradientBucket bucket)
    {
        if (bucket.MarkReady()) LaunchReady();
    }

    // Reductions are queued in bucket order on every rank, so the collectives pair up even if a
    // later bucket happens to be ready first.
    private void LaunchReady()
    {
        while (_nextLaunch < _buckets.Length && _buckets[_nextLaunch].Ready)
        {
            var bucket = _buckets[_nextLaunch++];
            bucket.Gather();
            bucket.Reduction = Group.StartAllReduce(bucket.Buffer, bucket.Count, ReduceOp.Sum, 1.0 / Group.Size, _communicationTicks);
        }
    }

    /// <summary>Reverse parameter order, a new bucket when the next parameter would overflow
    /// <paramref name="bucketBytes"/> or changes the dtype.</summary>
    private static GradientBucket[] Plan(List<Tensor> parameters, int bucketBytes)
    {
        var buckets = new List<GradientBucket>();
        var current = new List<Tensor>();
        long bytes = 0;
        for (int i = parameters.Count - 1; i >= 0; i--)
        {
            var p = parameters[i];
            long size = (long)p.Numel * p.DType.ElementSize();
            if (current.Count > 0 && (bytes + size > bucketBytes || current[0].DType != p.DType))
            {
                buckets.Add(new GradientBucket(buckets.Count, current));
                (current, bytes) = ([], 0);
            }
            current.Add(p);
            bytes += size;
        }
        buckets.Add(new GradientBucket(buckets.Count, current));
        return [.. buckets];
    }

    /// <summary>Removes the gradient hooks.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var hook in _hooks) hook.Dispose();
    }
}
