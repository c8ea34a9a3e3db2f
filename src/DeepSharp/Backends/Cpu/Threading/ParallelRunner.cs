using System.Diagnostics;

namespace DeepSharp.Backends.Cpu;

/// <summary>One piece of work split into numbered parts; part i always runs on participant i.</summary>
internal interface IParallelJob
{
    /// <summary>Runs part <paramref name="part"/> (0 is the calling thread's own part).</summary>
    void Execute(int part);
}

/// <summary>
/// A tiny fork-join pool for kernels: a fixed set of background workers that spin briefly after
/// each job (so back-to-back GEMMs of a training step do not pay a wake-up) and then block.
/// Part i of a job runs on worker i (the caller runs part 0), so a job's partition, and therefore
/// its results, never depend on scheduling. One job at a time: a caller that finds the pool busy
/// (another thread, or a nested call from inside a job) is told so and runs its parts itself.
/// </summary>
internal sealed class ParallelRunner
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 microseconds

    private readonly Worker[] _workers;
    private int _busy;
    private IParallelJob? _job;
    private int _pending;
    private Exception? _failure;

    private ParallelRunner(int workerCount)
    {
        _workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) _workers[i] = new Worker(this, i + 1);
    }

    /// <summary>The process-wide pool: one worker per processor beyond the caller's own.</summary>
    public static ParallelRunner Shared { get; } = new(Math.Max(0, Environment.ProcessorCount - 1));

    /// <summary>Most parts one job can have: the workers plus the caller.</summary>
    public int MaxParts => _workers.Length + 1;

    /// <summary>
    /// Runs parts 0..parts-1 of <paramref name="job"/> concurrently and waits for all of them.
    /// Returns false, having run nothing, when the pool is busy; the caller should then run the
    /// parts itself.
    /// </summary>
    public bool TryRun(IParallelJob job, int parts)
    {
        if (parts > MaxParts)
            throw new ArgumentOutOfRangeException(nameof(parts), parts, $"At most {MaxParts} parts are supported.");
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            _job = job;
            _failure = null;
            Volatile.Write(ref _pending, parts - 1);
            for (int i = 1; i < parts; i++) _workers[i - 1].Start();
            try
            {
                job.Execute(0);
            }
            finally
            {
                var spinner = new SpinWait();
                while (Volatile.Read(ref _pending) != 0) spinner.SpinOnce(sleep1Threshold: -1);
                _job = null;
            }
            if (_failure is { } failure)
                throw new AggregateException("A parallel kernel part failed.", failure);
            return true;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Finish(Exception? failure)
    {
        if (failure is not null) Interlocked.CompareExchange(ref _failure, failure, null);
        Interlocked.Decrement(ref _pending);
    }

    /// <summary>One background thread, woken by a generation counter: it spins on the counter for
    /// <see cref="SpinTicks"/> after each job, then sleeps on an event.</summary>
    private sealed class Worker
    {
        private readonly ParallelRunner _owner;
        private readonly int _part;
        // A kernel event rather than SemaphoreSlim: waking takes no managed lock, so a wake-up never
        // contends (and never raises allocating contention events) on the caller's thread.
        private readonly AutoResetEvent _wake = new(false);
        private Thread? _thread;
        private int _generation;
        private int _sleeping;

        public Worker(ParallelRunner owner, int part)
        {
            _owner = owner;
            _part = part;
        }

        public void Start()
        {
            if (_thread is null)
            {
                _thread = new Thread(Loop) { IsBackground = true, Name = $"DeepSharp kernel worker {_part}" };
                _thread.Start();
            }
            Interlocked.Increment(ref _generation);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Set();
        }

        private void Loop()
        {
            int seen = 0;
            while (true)
            {
                seen = WaitForGeneration(seen);
                Exception? failure = null;
                try
                {
                    _owner._job!.Execute(_part);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
                _owner.Finish(failure);
            }
        }

        private int WaitForGeneration(int seen)
        {
            long deadline = Stopwatch.GetTimestamp() + SpinTicks;
            int g;
            while ((g = Volatile.Read(ref _generation)) == seen)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    Interlocked.Exchange(ref _sleeping, 1); // full fence: the store must land before the re-read below
                    if ((g = Volatile.Read(ref _generation)) != seen)
                    {
                        // Woken between the check and the flag: if Start already cleared the flag it
                        // also set the event, which must be consumed so the next sleep really waits.
                        if (Interlocked.Exchange(ref _sleeping, 0) == 0) _wake.WaitOne();
                        return g;
                    }
                    _wake.WaitOne();
                    deadline = Stopwatch.GetTimestamp() + SpinTicks;
                    continue;
                }
                Thread.SpinWait(20);
            }
            return g;
        }
    }
}
