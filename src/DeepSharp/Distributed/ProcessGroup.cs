using System.Runtime.CompilerServices;
using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Distributed;

/// <summary>
/// The processes of one data-parallel job and the collective operations between them (all-reduce,
/// broadcast, barrier), on tensors or host values. <see cref="Init"/> gives the job's group when the
/// process was started by Open MPI's <c>mpirun</c>, and a group of one otherwise, where every
/// operation returns at once and no MPI library is loaded.
/// </summary>
/// <remarks>Every rank must call the same collectives in the same order. A collective that does not
/// complete within <see cref="DistributedOptions.Timeout"/> throws <see cref="DistributedException"/>.</remarks>
public abstract class ProcessGroup : IDisposable
{
    private protected ProcessGroup(DistributedOptions options) => Options = options;

    /// <summary>True when Open MPI's launcher started this process (it sets <c>OMPI_COMM_WORLD_SIZE</c>).</summary>
    public static bool LaunchedByMpi => Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null;

    /// <summary>The job's group: over MPI under <c>mpirun</c> (MPI initialized with
    /// MPI_THREAD_FUNNELED, errors returned as exceptions), else a group of one.</summary>
    /// <exception cref="DistributedException">Under mpirun, the MPI library could not be opened or initialized.</exception>
    public static ProcessGroup Init(DistributedOptions? options = null)
    {
        options ??= new DistributedOptions();
        return LaunchedByMpi ? new MpiProcessGroup(options) : new SingleProcessGroup(options);
    }

    /// <summary>The settings.</summary>
    public DistributedOptions Options { get; }

    /// <summary>This process's index, from 0.</summary>
    public abstract int Rank { get; }

    /// <summary>The number of processes.</summary>
    public abstract int Size { get; }

    /// <summary>True on rank 0, the one that writes files.</summary>
    public bool IsMain => Rank == 0;

    /// <summary>The name of this rank's machine (MPI's processor name).</summary>
    public abstract string HostName { get; }

    /// <summary>Combines <paramref name="tensor"/> element by element over all ranks, in place
    /// (Float32, Float64 or Int32; any device, through a host copy). Not recorded.</summary>
    public void AllReduce(Tensor tensor, ReduceOp op = ReduceOp.Sum)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Exchange(tensor, "all-reduce", buffer => StartAllReduce(buffer, buffer.Length, op, 1.0, null));
    }

    /// <summary>Overwrites <paramref name="tensor"/> on every rank with rank <paramref name="root"/>'s values. Not recorded.</summary>
    public void Broadcast(Tensor tensor, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckRoot(root);
        Exchange(tensor, "broadcast", buffer => StartBroadcast(buffer, root));
    }

    /// <summary>Combines <paramref name="values"/> over all ranks, in place.</summary>
    public void AllReduce(Span<double> values, ReduceOp op = ReduceOp.Sum)
    {
        if (Size == 1 || values.IsEmpty) return;
        var buffer = values.ToArray();
        Wait(StartAllReduce(buffer, buffer.Length, op, 1.0, null), "all-reduce");
        buffer.CopyTo(values);
    }

    /// <summary>Waits until every rank has called it.</summary>
    public void Barrier() => Wait(StartBarrier(), "barrier");

    /// <summary>Queues an in-place all-reduce of the first <paramref name="count"/> elements of a
    /// float[], double[] or int[] buffer, then multiplies them by <paramref name="scale"/>; adds the
    /// time spent inside MPI to <paramref name="ticks"/> (Stopwatch ticks) when given.</summary>
    internal abstract Task StartAllReduce(Array buffer, int count, ReduceOp op, double scale, StrongBox<long>? ticks);

    internal abstract Task StartBroadcast(Array buffer, int root);

    internal abstract Task StartBarrier();

    /// <summary>Waits for <paramref name="operation"/> at most <see cref="DistributedOptions.Timeout"/>.</summary>
    /// <exception cref="DistributedException">It failed, or it timed out (the watchdog).</exception>
    internal void Wait(Task operation, string what)
    {
        bool done;
        try
        {
            done = operation.Wait(Options.Timeout);
        }
        catch (AggregateException e) when (e.InnerException is DistributedException inner)
        {
            throw new DistributedException($"rank {Rank} of {Size} on {HostName}: {what}: {inner.Message}", inner);
        }
        if (!done)
            throw new DistributedException(
                $"rank {Rank} of {Size} on {HostName}: {what} did not complete within {Options.Timeout.TotalSeconds:0.#} s; another rank has probably died or stopped responding.");
    }

    private void Exchange(Tensor tensor, string what, Func<Array, Task> start)
    {
        if (Size == 1) return;
        Array buffer = tensor.DType switch
        {
            DType.Float32 => tensor.ToArray<float>(),
            DType.Float64 => tensor.ToArray<double>(),
            DType.Int32 => tensor.ToArray<int>(),
            var other => throw new ArgumentException($"ProcessGroup.{what}: expected a Float32, Float64 or Int32 tensor, got {other}.", nameof(tensor)),
        };
        Wait(start(buffer), what);
        var result = buffer switch
        {
            float[] f => Tensor.FromSpan<float>(f, tensor.ShapeArray, tensor.Device),
            double[] d => Tensor.FromSpan<double>(d, tensor.ShapeArray, tensor.Device),
            _ => Tensor.FromSpan<int>((int[])buffer, tensor.ShapeArray, tensor.Device),
        };
        using var _ = GradMode.NoGrad();
        tensor.CopyFrom(result);
    }

    private void CheckRoot(int root)
    {
        if (root < 0 || root >= Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"root must be a rank in [0, {Size}).");
    }

    /// <summary>Leaves the group (finalizes MPI).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the group's resources.</summary>
    protected virtual void Dispose(bool disposing) { }
}
