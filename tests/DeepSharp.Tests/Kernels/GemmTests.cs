using DeepSharp.Kernels;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Kernels;

public sealed class GemmTests
{
    private static readonly (bool TransA, bool TransB)[] Cases = [(false, false), (true, false), (false, true), (true, true)];

    /// <summary>Runs Sgemm and the reference on the same random problem and compares.</summary>
    private static void CheckOne(RandomGenerator rng, bool ta, bool tb, int m, int n, int k,
        float alpha, float beta, int pad = 0, Action<float[], float[], float[]>? run = null)
    {
        int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
        var a = GemmTestData.RandomFloats(rng, GemmTestData.Length(ta ? k : m, ta ? m : k, lda));
        var b = GemmTestData.RandomFloats(rng, GemmTestData.Length(tb ? n : k, tb ? k : n, ldb));
        var c0 = GemmTestData.RandomFloats(rng, GemmTestData.Length(m, n, ldc));
        var expected = (float[])c0.Clone();
        var actual = (float[])c0.Clone();
        Gemm.SgemmReference(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);
        if (run is null) Gemm.Sgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc);
        else run(a, b, actual);
        GemmTestData.AssertClose(expected, actual, m, n, ldc, k, $"ta={ta} tb={tb} m={m} n={n} k={k} pad={pad}");
    }

    [Fact]
    public void RandomOddShapesWithLeadingDimensionsMatchReference()
    {
        var rng = new RandomGenerator(2);
        foreach (var (ta, tb) in Cases)
            for (int trial = 0; trial < 6; trial++)
            {
                int m = rng.NextInt(1, 300), n = rng.NextInt(1, 300), k = rng.NextInt(1, 300);
                CheckOne(rng, ta, tb, m, n, k, 0.75f, -0.5f, pad: rng.NextInt(1, 7));
            }
    }

    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(1f, 1f)]
    [InlineData(-2.5f, 0.5f)]
    [InlineData(0f, 2f)]
    [InlineData(0f, 0f)]
    public void AlphaBetaCasesMatchReference(float alpha, float beta)
    {
        var rng = new RandomGenerator(3);
        foreach (var (ta, tb) in Cases)
            CheckOne(rng, ta, tb, 37, 45, 29, alpha, beta, pad: 3);
    }

    [Fact]
    public void BetaZeroOverwritesNaN()
    {
        var rng = new RandomGenerator(4);
        foreach (var (ta, tb) in Cases)
            foreach (int size in new[] { 3, 40, 70 })
            {
                var a = GemmTestData.RandomFloats(rng, size * size);
                var b = GemmTestData.RandomFloats(rng, size * size);
                var c = new float[size * size];
                Array.Fill(c, float.NaN);
                Gemm.Sgemm(ta, tb, size, size, size, 1f, a, size, b, size, 0f, c, size);
                Assert.All(c, x => Assert.True(float.IsFinite(x)));
                Array.Fill(c, float.NaN);
                Gemm.Sgemm(ta, tb, size, size, 0, 1f, a, size, b, size, 0f, c, size);
                Assert.All(c, x => Assert.Equal(0f, x));
            }
    }

    [Fact]
    public void InvalidArgumentsThrowNamingTheArgument()
    {
        var buf = new float[100];
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, -1, 2, 2, 1f, buf, 2, buf, 2, 0f, buf, 2));
        Assert.Equal("m", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, 2, 2, 3, 1f, buf, 2, buf, 2, 0f, buf, 2));
        Assert.Equal("lda", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, true, 2, 4, 3, 1f, buf, 3, buf, 2, 0f, buf, 4));
        Assert.Equal("ldb", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, 2, 2, 2, 1f, buf, 2, buf, 2, 0f, buf.AsSpan(0, 3), 2));
        Assert.Equal("c", ex.ParamName);
        Assert.Contains("needs at least 4", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Gemm.Dgemm(true, false, 5, 2, 2, 1d, new double[9], 5, new double[4], 2, 0d, new double[10], 2));
        Assert.Equal("a", ex.ParamName);
        Assert.Contains("got 9", ex.Message);
    }

    [Fact]
    public void DgemmMatchesDoubleReference()
    {
        var rng = new RandomGenerator(5);
        foreach (var (ta, tb) in Cases)
            foreach (var (m, n, k) in new[] { (1, 1, 1), (7, 13, 5), (33, 17, 70), (64, 10, 129), (0, 3, 2), (3, 4, 0) })
            {
                int pad = 2, lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
                var a = GemmTestData.RandomDoubles(rng, GemmTestData.Length(ta ? k : m, ta ? m : k, lda));
                var b = GemmTestData.RandomDoubles(rng, GemmTestData.Length(tb ? n : k, tb ? k : n, ldb));
                var c = GemmTestData.RandomDoubles(rng, GemmTestData.Length(m, n, ldc));
                var expected = (double[])c.Clone();
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                    {
                        double sum = 0;
                        for (int p = 0; p < k; p++)
                            sum += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
                        expected[i * ldc + j] = 1.5 * sum - 0.25 * c[i * ldc + j];
                    }
                Gemm.Dgemm(ta, tb, m, n, k, 1.5, a, lda, b, ldb, -0.25, c, ldc);
                for (int i = 0; i < c.Length; i++)
                    Assert.True(Math.Abs(expected[i] - c[i]) <= 1e-13 * (1 + k), $"ta={ta} tb={tb} {m}x{n}x{k} at {i}: {expected[i]} vs {c[i]}");
            }
    }
}
