using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Backends.Cpu;

public sealed class GemmParallelTests
{
    /// <summary>The training shapes and a few large odd ones: one thread and two threads give the same bits.</summary>
    [Theory]
    [InlineData(false, false, 64, 128, 784)]
    [InlineData(true, false, 784, 128, 64)]
    [InlineData(false, true, 64, 784, 128)]
    [InlineData(false, false, 64, 10, 128)]
    [InlineData(true, true, 301, 257, 263)]
    [InlineData(false, false, 1000, 40, 520)]
    public void OneAndTwoThreadsAreBitIdentical(bool ta, bool tb, int m, int n, int k)
    {
        var p = GemmProblem.Random(new RandomGenerator(31), ta, tb, m, n, k, pad: 3);
        var one = p.Run(1f, 0.5f, null, threads: 1);
        var two = p.Run(1f, 0.5f, null, threads: 2);
        Assert.True(one.AsSpan().SequenceEqual(two), $"1 vs 2 threads differ: {p}");
        var four = p.Run(1f, 0.5f, null, threads: 4);
        Assert.True(one.AsSpan().SequenceEqual(four), $"1 vs 4 threads differ: {p}");
        GemmTestData.AssertClose(p.Reference(1f, 0.5f), two, m, n, p.Ldc, k, p.ToString());
    }

    [Fact]
    public void PartitionCoversEveryElementOnceOnTileBoundaries()
    {
        foreach (var (m, n, k) in new[] { (64, 128, 784), (784, 128, 64), (64, 784, 128), (1, 1000, 50), (1000, 1, 50), (12, 32, 5), (1024, 1024, 1024), (301, 257, 263) })
            foreach (int threads in new[] { 1, 2, 3, 4, 6 })
            {
                var kernel = MicroKernel.Avx512;
                var part = ThreadPartition.Choose(m, n, k, threads, kernel.RowStep, kernel.Nr, (m + k) % 2 == 0, n % 2 == 0, bPrepacked: false);
                Assert.InRange(part.Parts, 1, threads);
                var regions = new (int I0, int I1, int J0, int J1)[part.Parts];
                long area = 0;
                for (int t = 0; t < part.Parts; t++)
                {
                    part.GetRegion(t, out int i0, out int i1, out int j0, out int j1);
                    Assert.Equal(0, i0 % kernel.RowStep);
                    Assert.Equal(0, j0 % kernel.Nr);
                    Assert.True(0 <= i0 && i0 <= i1 && i1 <= m && 0 <= j0 && j0 <= j1 && j1 <= n, $"region {t} out of range");
                    regions[t] = (i0, i1, j0, j1);
                    area += (long)(i1 - i0) * (j1 - j0);
                }
                // Disjoint rectangles inside C whose areas add up to C's cover it exactly once.
                Assert.Equal((long)m * n, area);
                for (int s = 0; s < regions.Length; s++)
                    for (int t = s + 1; t < regions.Length; t++)
                    {
                        var (x, y) = (regions[s], regions[t]);
                        bool overlap = x.I0 < y.I1 && y.I0 < x.I1 && x.J0 < y.J1 && y.J0 < x.J1;
                        Assert.False(overlap, $"{m}x{n} threads={threads}: regions {s} and {t} overlap");
                    }
            }
    }

    [Fact]
    public void TwoThreadsAreUsedForTheSkinnyTrainingShapes()
    {
        var kernel = MicroKernel.Avx512;
        foreach (var (m, n, k) in new[] { (64, 128, 784), (784, 128, 64), (64, 784, 128), (1024, 1024, 1024) })
            Assert.Equal(2, ThreadPartition.Choose(m, n, k, 2, kernel.RowStep, kernel.Nr, m == 784, n == 784, false).Parts);
    }

    [Fact]
    public void ConcurrentCallersGetCorrectResults()
    {
        var p = GemmProblem.Random(new RandomGenerator(32), false, true, 96, 96, 96);
        var expected = p.Run(1f, 0f, null, threads: 1);
        var results = new float[8][];
        Parallel.For(0, results.Length, i => results[i] = p.Run(1f, 0f, null, threads: 2));
        Assert.All(results, r => Assert.True(r.AsSpan().SequenceEqual(expected)));
    }

    [Fact]
    public void SteadyStateCallsAllocateNothing()
    {
        var p = GemmProblem.Random(new RandomGenerator(33), false, false, 64, 128, 784);
        var c = new float[64 * 128];
        var bias = new float[128];
        // Warm up past tiered compilation (a synchronous on-stack replacement may allocate).
        for (int warm = 0; warm < 60; warm++)
        {
            Gemm.Sgemm(false, false, 64, 128, 784, 1f, p.A, p.Lda, p.B, p.Ldb, 0f, c, 128);
            Gemm.SgemmBiasAct(true, false, 64, 128, 784, 1f, p.B, 64, p.B, p.Ldb, 0f, c, 128, bias, Activation.Tanh);
        }
        // A per-call allocation would show in every window. Under the test host a rare one-off
        // allocation by the runtime itself has been seen (248 bytes, once), never in a console run,
        // so one clean window of 10 call pairs out of 5 is required.
        var windows = new long[5];
        for (int w = 0; w < windows.Length; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                Gemm.Sgemm(false, false, 64, 128, 784, 1f, p.A, p.Lda, p.B, p.Ldb, 0f, c, 128);
                Gemm.SgemmBiasAct(true, false, 64, 128, 784, 1f, p.B, 64, p.B, p.Ldb, 0f, c, 128, bias, Activation.Tanh);
            }
            windows[w] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (windows[w] == 0) break;
        }
        Assert.True(windows.Contains(0), "bytes allocated per window: " + string.Join(", ", windows));
    }

    [Fact]
    public void ThreadLimitIsValidatedAndScoped()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CpuBackend.LimitThreads(0));
        Assert.Equal("threads", ex.ParamName);
        int outside = CpuBackend.ThreadLimit;
        using (CpuBackend.LimitThreads(1))
        {
            Assert.Equal(1, CpuBackend.ThreadLimit);
            Assert.Equal(1, Parallelism.MaxThreads); // one knob for GEMM and every other kernel
            using (CpuBackend.LimitThreads(3)) Assert.Equal(3, CpuBackend.ThreadLimit);
            Assert.Equal(1, CpuBackend.ThreadLimit);
            // another flow (a test running beside this one) keeps its own limit
            int elsewhere = 0;
            using (ExecutionContext.SuppressFlow())
            {
                var thread = new Thread(() => elsewhere = CpuBackend.ThreadLimit);
                thread.Start();
                thread.Join();
            }
            Assert.Equal(outside, elsewhere);
        }
        Assert.Equal(outside, CpuBackend.ThreadLimit);
    }
}
