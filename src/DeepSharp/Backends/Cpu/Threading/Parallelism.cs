using System.Runtime.ExceptionServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// How many threads the kernels may use, and the helper that splits work between them.
/// Work is always split by output ranges, never across a reduction, so results do not depend
/// on the thread count.
/// </summary>
internal static class Parallelism
{
    /// <summary>Maximum number of threads a kernel started from this asynchronous flow uses:
    /// <see cref="CpuBackend.ThreadLimit"/>.</summary>
    public static int MaxThreads => CpuBackend.ThreadLimit;

    /// <summary>Element count from which element-wise kernels split across threads. Measured on
    /// 2 cores (docs/benchmarks.md): at 16K floats a second thread gains nothing, from 32K it pays
    /// for its hand-off (Add 0.84x, Exp 0.74x of one thread's time), at 1M Add takes 0.57x and Exp 0.65x.</summary>
    public const int ElementWiseThreshold = 1 << 15;

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, count) split into at most
    /// <see cref="MaxThreads"/> contiguous ranges of at least <paramref name="minPerThread"/> items;
    /// the calling thread takes part.</summary>
    /// <remarks>
    /// Ranges are claimed dynamically by the caller and the kernel workers (the same threads GEMM
    /// uses, not the thread pool). When the workers are busy with another job, or the call comes
    /// from inside <paramref name="body"/>, the caller runs every range itself: a nested call, a
    /// limited-concurrency <see cref="TaskScheduler"/> or a starved thread pool can slow the work
    /// down but never deadlock it. The first exception thrown by <paramref name="body"/> is rethrown
    /// on the calling thread.
    /// </remarks>
    public static void For(int count, int minPerThread, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (count <= 0) return;
        int threads = Math.Min(MaxThreads, Math.Max(1, count / Math.Max(1, minPerThread)));
        if (threads <= 1)
        {
            body(0, count);
            return;
        }
        Run(count, threads, threads, body);
    }

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, count) cut into equal ranges of
    /// about <paramref name="chunkSize"/> items, which up to
    /// <see cref="MaxThreads"/> threads, the caller included, claim one at a time.</summary>
    /// <remarks>Finer than <see cref="For"/>: a thread that starts late, or runs slower because the
    /// machine is busy, still takes a share of what is left, so the work finishes with the threads
    /// that are actually running. Same guarantees otherwise (no deadlock, exceptions rethrown).</remarks>
    public static void ForChunks(int count, int chunkSize, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "chunkSize must be at least 1.");
        if (count <= 0) return;
        int parts = (int)Math.Min(int.MaxValue, ((long)count + chunkSize - 1) / chunkSize);
        int threads = Math.Min(MaxThreads, parts);
        if (threads <= 1)
        {
            body(0, count);
            return;
        }
        Run(count, parts, threads, body);
    }

    private static void Run(int count, int parts, int threads, Action<int, int> body)
    {
        // The kernel workers of ParallelRunner, not the thread pool: GEMM already uses them and
        // they spin briefly between jobs, so the element-wise and convolution kernels of a
        // training step neither pay a thread-pool wake-up nor compete with a spinning GEMM worker
        // for the same cores. A busy runner (another thread's job, or a call from inside a job)
        // means the caller runs every range itself.
        var job = new RangeJob(count, parts, body);
        var runner = ParallelRunner.Shared;
        int participants = Math.Min(threads, runner.MaxParts);
        if (participants <= 1 || !runner.TryRun(job, participants)) job.Execute(0);
        job.ThrowIfFailed();
    }

    /// <summary>One call of <see cref="For"/>: ranges handed out by an atomic counter to whichever
    /// participant asks next.</summary>
    private sealed class RangeJob(int count, int parts, Action<int, int> body) : IParallelJob
    {
        private int _next = -1;
        private ExceptionDispatchInfo? _error;

        public void Execute(int part)
        {
            int p;
            while ((p = Interlocked.Increment(ref _next)) < parts)
            {
                try
                {
                    body((int)((long)count * p / parts), (int)((long)count * (p + 1) / parts));
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
                }
            }
        }

        /// <summary>Rethrows, on the calling thread, the first exception a range threw.</summary>
        public void ThrowIfFailed() => _error?.Throw();
    }
}
