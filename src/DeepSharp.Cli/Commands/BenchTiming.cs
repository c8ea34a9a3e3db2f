using System.Diagnostics;

namespace DeepSharp.Cli.Commands;

/// <summary>The timing rule the quick benchmarks share: warm up, then the best call over a time
/// budget (at least a minimum number of calls), with the bytes the calls allocated on average.</summary>
internal static class BenchTiming
{
    /// <summary>The best wall time of one call, in seconds, and the mean managed bytes allocated per call.</summary>
    public static (double BestSeconds, double BytesPerCall, int Calls) Best(Action call, double seconds, int minCalls, CancellationToken cancel, int warmup = 3)
    {
        for (int i = 0; i < warmup; i++) call();
        long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        double best = double.MaxValue;
        int calls = 0;
        var total = Stopwatch.StartNew();
        do
        {
            cancel.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            call();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            calls++;
        }
        while (total.Elapsed.TotalSeconds < seconds || calls < minCalls);
        double bytes = (GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / (double)calls;
        return (best, bytes, calls);
    }
}
