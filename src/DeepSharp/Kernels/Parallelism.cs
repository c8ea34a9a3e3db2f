namespace DeepSharp.Kernels;

/// <summary>
/// How many threads the kernels may use, and the helper that splits work between them.
/// Work is always split by output ranges, never across a reduction, so results do not depend
/// on the thread count.
/// </summary>
public static class Parallelism
{
    private static int _maxThreads = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Maximum number of threads a kernel uses (default: the processor count).</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(MaxThreads), value, "MaxThreads must be at least 1.");
            _maxThreads = value;
        }
    }

    /// <summary>Element count above which memory-bound element-wise kernels split across threads.</summary>
    public const int ElementWiseThreshold = 1 << 17;

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, count) split into at most
    /// <see cref="MaxThreads"/> contiguous ranges; the calling thread takes the first.</summary>
    public static void For(int count, int minPerThread, Action<int, int> body)
    {
        int threads = Math.Min(MaxThreads, Math.Max(1, count / Math.Max(1, minPerThread)));
        if (threads <= 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            long start = (long)count * t / threads;
            long end = (long)count * (t + 1) / threads;
            if (end > start) body((int)start, (int)end);
        });
    }
}
