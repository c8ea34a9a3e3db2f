using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepSharp.Bench;

/// <summary>
/// Measures the machine's single-precision fused multiply-add peak: each thread runs twelve
/// independent chains of <c>Vector512</c> FMAs (<c>Vector256</c> where 512-bit vectors are not
/// accelerated), enough to hide the FMA latency, so the figure is what the FMA units can issue.
/// The yardstick for a GEMM's "fraction of peak".
/// </summary>
internal static class FmaPeak
{
    private const int Chains = 12;

    /// <summary>The vector width used, in bits (512, 256 or 128).</summary>
    internal static int VectorBits => Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>Measures the peak in GFLOP/s (2 flops per lane per FMA) with <paramref name="threads"/>
    /// threads running at once, for about <paramref name="seconds"/> seconds in all (the best of trials of about 10 ms, at least five).</summary>
    /// <param name="threads">Threads (1..256).</param>
    /// <param name="seconds">Measuring time, 0.01..60 seconds (after a short warm-up).</param>
    internal static double Measure(int threads = 1, double seconds = 0.3)
    {
        if (threads is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be between 1 and 256.");
        if (!(seconds is >= 0.01 and <= 60)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "seconds must be between 0.01 and 60.");
        // Calibrate the iteration count on one thread, then time all threads together in short
        // trials of about 10 ms: the best is the one least disturbed by other processes (the
        // same "best call" rule a GEMM benchmark uses, so the two figures are comparable).
        long iterations = 1 << 16;
        Run(iterations);
        var clock = Stopwatch.StartNew();
        Run(iterations);
        double perIteration = Math.Max(clock.Elapsed.TotalSeconds, 1e-6) / iterations;
        int trials = Math.Max(5, (int)(seconds / 0.01));
        iterations = Math.Max(1 << 12, (long)(seconds / trials / perIteration));
        double best = 0;
        for (int trial = 0; trial < trials; trial++) best = Math.Max(best, Trial(threads, iterations));
        return best;
    }

    private static double Trial(int threads, long iterations)
    {
        // The calling thread runs one share itself: a separate timing thread would make
        // threads + 1 runnable threads, and on a machine with exactly `threads` cores it could be
        // descheduled and start its clock late, overstating the rate.
        using var start = new Barrier(threads);
        var workers = new Thread[threads - 1];
        for (int t = 0; t < workers.Length; t++)
        {
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                Run(iterations);
            }) { IsBackground = true };
            workers[t].Start();
        }
        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        Run(iterations);
        foreach (var w in workers) w.Join();
        double elapsed = clock.Elapsed.TotalSeconds;
        double flopsPerIteration = 2.0 * Chains * (VectorBits / 32);
        return threads * iterations * flopsPerIteration / elapsed / 1e9;
    }

    private static float Run(long iterations) => VectorBits switch
    {
        512 => Run512(iterations),
        256 => Run256(iterations),
        _ => Run128(iterations),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run512(long iterations)
    {
        Vector512<float> b = Vector512.Create(0.999999f), c = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, b, c); a1 = Vector512.FusedMultiplyAdd(a1, b, c);
            a2 = Vector512.FusedMultiplyAdd(a2, b, c); a3 = Vector512.FusedMultiplyAdd(a3, b, c);
            a4 = Vector512.FusedMultiplyAdd(a4, b, c); a5 = Vector512.FusedMultiplyAdd(a5, b, c);
            a6 = Vector512.FusedMultiplyAdd(a6, b, c); a7 = Vector512.FusedMultiplyAdd(a7, b, c);
            a8 = Vector512.FusedMultiplyAdd(a8, b, c); a9 = Vector512.FusedMultiplyAdd(a9, b, c);
            a10 = Vector512.FusedMultiplyAdd(a10, b, c); a11 = Vector512.FusedMultiplyAdd(a11, b, c);
        }
        // Summing the chains keeps the JIT from discarding the loop.
        return Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run256(long iterations)
    {
        Vector256<float> b = Vector256.Create(0.999999f), c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, b, c); a1 = Vector256.FusedMultiplyAdd(a1, b, c);
            a2 = Vector256.FusedMultiplyAdd(a2, b, c); a3 = Vector256.FusedMultiplyAdd(a3, b, c);
            a4 = Vector256.FusedMultiplyAdd(a4, b, c); a5 = Vector256.FusedMultiplyAdd(a5, b, c);
            a6 = Vector256.FusedMultiplyAdd(a6, b, c); a7 = Vector256.FusedMultiplyAdd(a7, b, c);
            a8 = Vector256.FusedMultiplyAdd(a8, b, c); a9 = Vector256.FusedMultiplyAdd(a9, b, c);
            a10 = Vector256.FusedMultiplyAdd(a10, b, c); a11 = Vector256.FusedMultiplyAdd(a11, b, c);
        }
        return Vector256.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run128(long iterations)
    {
        Vector128<float> b = Vector128.Create(0.999999f), c = Vector128.Create(1e-7f);
        Vector128<float> a0 = Vector128<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector128.FusedMultiplyAdd(a0, b, c); a1 = Vector128.FusedMultiplyAdd(a1, b, c);
            a2 = Vector128.FusedMultiplyAdd(a2, b, c); a3 = Vector128.FusedMultiplyAdd(a3, b, c);
            a4 = Vector128.FusedMultiplyAdd(a4, b, c); a5 = Vector128.FusedMultiplyAdd(a5, b, c);
            a6 = Vector128.FusedMultiplyAdd(a6, b, c); a7 = Vector128.FusedMultiplyAdd(a7, b, c);
            a8 = Vector128.FusedMultiplyAdd(a8, b, c); a9 = Vector128.FusedMultiplyAdd(a9, b, c);
            a10 = Vector128.FusedMultiplyAdd(a10, b, c); a11 = Vector128.FusedMultiplyAdd(a11, b, c);
        }
        return Vector128.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }
}
