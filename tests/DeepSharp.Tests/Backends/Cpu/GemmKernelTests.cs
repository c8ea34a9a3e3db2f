using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Backends.Cpu;

/// <summary>Each micro-kernel, forced through the packed driver, against the scalar reference.</summary>
public sealed class GemmKernelTests
{
    private static readonly (bool TransA, bool TransB)[] Cases = [(false, false), (true, false), (false, true), (true, true)];

    private static MicroKernel[] SupportedKernels() =>
        new[] { MicroKernel.Avx512, MicroKernel.Avx2, MicroKernel.Scalar }.Where(x => x.IsSupported).ToArray();

    [Fact]
    public void ScalarKernelIsAlwaysSupportedAndBestIsSupported()
    {
        Assert.True(MicroKernel.Scalar.IsSupported);
        Assert.True(MicroKernel.Best.IsSupported);
        foreach (var kernel in new[] { MicroKernel.Avx512, MicroKernel.Avx2, MicroKernel.Scalar })
        {
            Assert.True(kernel.Mr * kernel.Nr <= MicroKernel.MaxTile, kernel.ToString());
            Assert.Equal(0, kernel.Mc % kernel.Mr);
            Assert.Equal(0, kernel.Nc % kernel.Nr);
        }
    }

    /// <summary>Every m, n, k in 0..33 and every transposition case: the public Sgemm and each
    /// kernel forced through the packed driver are close to the reference, and all kernels agree
    /// bit for bit (they share one FMA order and store rule). Operands are windows of one random
    /// pool, so the loop costs little besides the products themselves.</summary>
    [Fact]
    public void AllShapesUpTo33MatchReferenceForEveryKernel()
    {
        var kernels = SupportedKernels();
        var rng = new RandomGenerator(11);
        const int Max = 33, Pad = 2, Ld = Max + Pad;
        var a = GemmTestData.RandomFloats(rng, Ld * Ld);
        var b = GemmTestData.RandomFloats(rng, Ld * Ld);
        var c0 = GemmTestData.RandomFloats(rng, Ld * Ld);
        var expected = new float[c0.Length];
        var actual = new float[c0.Length];
        var first = new float[c0.Length];
        foreach (var (ta, tb) in Cases)
            for (int m = 0; m <= Max; m++)
                for (int n = 0; n <= Max; n++)
                    for (int k = 0; k <= Max; k++)
                    {
                        // Leading dimensions vary between tight and padded; beta alternates with 0.
                        int lda = (ta ? m : k) + (m + k) % 3, ldb = (tb ? k : n) + n % 2, ldc = n + (k % 2) * Pad;
                        float beta = (m + n + k) % 2 == 0 ? 0f : -0.5f;
                        c0.CopyTo(expected, 0);
                        Gemm.SgemmReference(ta, tb, m, n, k, 1.5f, a, lda, b, ldb, beta, expected, ldc);
                        for (int r = -1; r < kernels.Length; r++)
                        {
                            c0.CopyTo(actual, 0);
                            if (r < 0) Gemm.Sgemm(ta, tb, m, n, k, 1.5f, a, lda, b, ldb, beta, actual, ldc);
                            else Gemm.SgemmCore(ta, tb, m, n, k, 1.5f, a, lda, b, ldb, null, beta, actual, ldc, default, Activation.None, 1, kernels[r]);
                            if (!GemmTestData.IsClose(expected, actual, m, n, ldc, k))
                                GemmTestData.AssertClose(expected, actual, m, n, ldc, k, $"{(r < 0 ? "Sgemm" : kernels[r].Name)} ta={ta} tb={tb} m={m} n={n} k={k}");
                            if (r == 0) actual.CopyTo(first, 0);
                            else if (r > 0 && !first.AsSpan().SequenceEqual(actual))
                                Assert.Fail($"{kernels[0].Name} and {kernels[r].Name} differ: ta={ta} tb={tb} m={m} n={n} k={k}");
                        }
                    }
    }

    [Fact]
    public void AllKernelsMatchReferenceForRandomOddShapes()
    {
        var rng = new RandomGenerator(12);
        foreach (var kernel in SupportedKernels())
            foreach (var (ta, tb) in Cases)
                for (int trial = 0; trial < 3; trial++)
                {
                    int m = 2 * rng.NextInt(1, 150) + 1, n = 2 * rng.NextInt(1, 150) + 1, k = 2 * rng.NextInt(1, 150) + 1;
                    var p = GemmProblem.Random(rng, ta, tb, m, n, k, pad: rng.NextInt(1, 9));
                    var expected = p.Reference(-0.75f, 0.25f);
                    var actual = p.Run(-0.75f, 0.25f, kernel, threads: 2);
                    GemmTestData.AssertClose(expected, actual, m, n, p.Ldc, k, $"{kernel.Name} {p}");
                }
    }

    /// <summary>k larger than the kernel's k block exercises accumulation across blocks (beta = 1 after the first).</summary>
    [Fact]
    public void DeepProductsSpanningSeveralKBlocksMatchReference()
    {
        var rng = new RandomGenerator(13);
        foreach (var kernel in SupportedKernels())
            foreach (var (ta, tb) in Cases)
            {
                var p = GemmProblem.Random(rng, ta, tb, 19, 37, 2 * kernel.Kc + 45, pad: 1);
                var expected = p.Reference(1f, 0.5f);
                GemmTestData.AssertClose(expected, p.Run(1f, 0.5f, kernel, threads: 1), p.M, p.N, p.Ldc, p.K, $"{kernel.Name} {p}");
            }
    }

    /// <summary>Shapes wider and taller than one Mc x Nc block, so every loop of the driver turns.</summary>
    [Fact]
    public void ProductsLargerThanOneCacheBlockMatchReference()
    {
        var rng = new RandomGenerator(14);
        var kernel = MicroKernel.Best;
        var p = GemmProblem.Random(rng, false, true, kernel.Mc + 7, kernel.Nc + 5, 20, pad: 3);
        var expected = p.Reference(1f, 0f);
        GemmTestData.AssertClose(expected, p.Run(1f, 0f, kernel, threads: 2), p.M, p.N, p.Ldc, p.K, p.ToString());
    }

    /// <summary>A^T and B are read in place when little reused and packed otherwise; both ways,
    /// with ragged edges, padded leading dimensions and several k blocks, match the reference.</summary>
    [Theory]
    [InlineData(true, false, 50, 40, 600)]   // A^T in place, B in place
    [InlineData(true, false, 200, 300, 600)] // A^T packed (wide), B packed (tall)
    [InlineData(true, true, 77, 257, 300)]   // A^T packed (257 columns), B^T packed
    [InlineData(false, false, 127, 33, 530)] // B in place, ragged last strip
    [InlineData(false, false, 131, 65, 70)]  // B packed
    public void InPlaceAndPackedOperandsMatchReference(bool ta, bool tb, int m, int n, int k)
    {
        var rng = new RandomGenerator(15);
        foreach (var kernel in SupportedKernels())
        {
            var p = GemmProblem.Random(rng, ta, tb, m, n, k, pad: 5);
            var expected = p.Reference(0.5f, 2f);
            foreach (int threads in new[] { 1, 2 })
                GemmTestData.AssertClose(expected, p.Run(0.5f, 2f, kernel, threads), m, n, p.Ldc, k, $"{kernel.Name} threads={threads} {p}");
        }
    }
}
