using DeepSharp.Kernels;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Kernels;

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

    /// <summary>Every m, n, k in 0..33 and every transposition case: each kernel is close to the
    /// reference, and all kernels agree bit for bit (they share one FMA order and store rule).</summary>
    [Fact]
    public void AllKernelsMatchReferenceForAllShapesUpTo33()
    {
        var kernels = SupportedKernels();
        var rng = new RandomGenerator(11);
        var results = new float[kernels.Length][];
        foreach (var (ta, tb) in Cases)
            for (int m = 0; m <= 33; m++)
                for (int n = 0; n <= 33; n++)
                    for (int k = 0; k <= 33; k++)
                    {
                        if ((m + n + k) % 4 != 0 && k > 2) continue; // a quarter of the cube, all edges
                        float beta = (m + k) % 2 == 0 ? 0f : -0.5f;
                        var p = GemmProblem.Random(rng, ta, tb, m, n, k, pad: (n % 3 == 0) ? 2 : 0);
                        var expected = p.Reference(1.5f, beta);
                        for (int i = 0; i < kernels.Length; i++)
                        {
                            results[i] = p.Run(1.5f, beta, kernels[i], threads: 1);
                            GemmTestData.AssertClose(expected, results[i], m, n, p.Ldc, k, $"{kernels[i].Name} {p}");
                        }
                        for (int i = 1; i < kernels.Length; i++)
                            Assert.True(results[0].AsSpan().SequenceEqual(results[i]), $"{kernels[0].Name} vs {kernels[i].Name} differ: {p}");
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
