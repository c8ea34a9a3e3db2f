using System.Runtime.CompilerServices;
using System.Diagnostics;

namespace DeepSharp.Distributed;

/// <summary>The job's processes over Open MPI's world communicator; every call runs on the
/// <see cref="MpiWorker"/> thread.</summary>
internal sealed unsafe class MpiProcessGroup : ProcessGroup
{
    private readonly MpiWorker _worker;

    public MpiProcessGroup(DistributedOptions options) : base(options)
    {
        _worker = new MpiWorker(options.LibraryPath ?? Environment.GetEnvironmentVariable("DEEPSHARP_MPI_LIBRARY"));
        var library = _worker.Library;
        (int rank, int size, string host) = (0, 1, "");
        Wait(_worker.Submit(() => (rank, size, host) = (library.Rank(), library.Size(), library.ProcessorName())), "MPI setup");
        (Rank, Size, HostName) = (rank, size, host);
    }

    public override int Rank { get; }

    public override int Size { get; }

    public override string HostName { get; }

    internal override Task StartAllReduce(Array buffer, int count, ReduceOp op, double scale, StrongBox<long>? ticks)
    {
        if ((uint)count > (uint)buffer.Length) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be in [0, {buffer.Length}].");
        var library = _worker.Library;
        nint datatype = TypeOf(buffer);
        nint mpiOp = op switch { ReduceOp.Sum => library.Sum, ReduceOp.Max => library.Max, _ => library.Min };
        return _worker.Submit(() =>
        {
            long start = Stopwatch.GetTimestamp();
            Pinned(buffer, p => library.AllReduceInPlace(p, count, datatype, mpiOp));
            if (scale != 1.0) Collectives.Scale(buffer, count, scale);
            if (ticks is not null) Interlocked.Add(ref ticks.Value, Stopwatch.GetTimestamp() - start);
        });
    }

    internal override Task StartBroadcast(Array buffer, int root)
    {
        var library = _worker.Library;
        nint datatype = TypeOf(buffer);
        return _worker.Submit(() => Pinned(buffer, p => library.Broadcast(p, buffer.Length, datatype, root)));
    }

    internal override Task StartBarrier()
    {
        var library = _worker.Library;
        return _worker.Submit(library.Barrier);
    }

    private nint TypeOf(Array buffer) => buffer switch
    {
        float[] => _worker.Library.Float,
        double[] => _worker.Library.Double,
        int[] => _worker.Library.Int,
        _ => throw new ArgumentException($"Collectives take float[], double[] or int[] buffers, got {buffer.GetType().Name}.", nameof(buffer)),
    };

    private delegate void PointerAction(void* pointer);

    private static void Pinned(Array buffer, PointerAction action)
    {
        switch (buffer)
        {
            case float[] f: fixed (float* p = f) action(p); break;
            case double[] d: fixed (double* p = d) action(p); break;
            case int[] i: fixed (int* p = i) action(p); break;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _worker.Dispose(Options.Timeout); // MPI_Finalize waits for the other ranks
    }
}
