using System.Collections.Concurrent;

namespace DeepSharp.Distributed;

/// <summary>
/// The one thread that talks to MPI (MPI_THREAD_FUNNELED): it initializes the library, runs the
/// queued calls in order (collectives must be issued in the same order on every rank, and the
/// queue keeps the order of submission) and finalizes at the end. Gradient buckets queued during
/// the backward pass are reduced here while the training thread goes on computing.
/// </summary>
internal sealed class MpiWorker : IDisposable
{
    private readonly BlockingCollection<(Action Work, TaskCompletionSource Done)> _queue = new();
    private readonly Thread _thread;
    private bool _disposed;

    public MpiWorker(string? libraryPath)
    {
        var ready = new TaskCompletionSource<MpiLibrary>(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() => Loop(libraryPath, ready)) { IsBackground = true, Name = "DeepSharp MPI" };
        _thread.Start();
        try
        {
            Library = ready.Task.GetAwaiter().GetResult();
        }
        catch
        {
            _queue.CompleteAdding();
            throw;
        }
    }

    public MpiLibrary Library { get; }

    /// <summary>Queues <paramref name="work"/>; the task completes (or faults) when it has run.</summary>
    public Task Submit(Action work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((work, done));
        return done.Task;
    }

    private void Loop(string? libraryPath, TaskCompletionSource<MpiLibrary> ready)
    {
        MpiLibrary library;
        try
        {
            library = MpiLibrary.Open(libraryPath);
            if (!library.IsInitialized())
            {
                int provided = library.InitThread(MpiLibrary.ThreadFunneled);
                if (provided < MpiLibrary.ThreadFunneled)
                    throw new DistributedException($"MPI provides thread level {provided}; DeepSharp needs MPI_THREAD_FUNNELED ({MpiLibrary.ThreadFunneled}).");
            }
            library.ReturnErrors();
        }
        catch (Exception e)
        {
            ready.SetException(e);
            return;
        }
        ready.SetResult(library);
        foreach (var (work, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
        if (!library.IsFinalized()) library.FinalizeMpi();
    }

    /// <summary>Finalizes MPI after the queued calls (waiting at most 30 s).</summary>
    public void Dispose() => Dispose(TimeSpan.FromSeconds(30));

    /// <summary>Finalizes MPI after the queued calls, waiting at most <paramref name="timeout"/>.</summary>
    public void Dispose(TimeSpan timeout)
    {
        if (_disposed) return;
        _disposed = true;
        _queue.CompleteAdding();
        _thread.Join(timeout);
    }
}
