using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Backends.Cpu;

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

    [Fact]
    public void FewRowsWithALargeBlockOfBMatchReference()
    {
        // At most 128 rows read B in place only while a k block of B has at most
        // GemmDriver.DirectBMaxElements elements; these shapes sit on both sides of that bound.
        var rng = new RandomGenerator(5);
        foreach (var (m, k, n) in new[] { (64, 128, 2048), (64, 129, 2049), (100, 256, 1100), (7, 300, 1000) })
            CheckOne(rng, false, false, m, n, k, 1f, 0.5f, pad: 1);
        Assert.True(GemmDriver.ReadsBInPlace(64, 2048, 128));
        Assert.False(GemmDriver.ReadsBInPlace(64, 2049, 129));
        Assert.False(GemmDriver.ReadsBInPlace(129, 128, 128));
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
                var cd = new double[size * size];
                Array.Fill(cd, double.NaN);
                Gemm.Dgemm(ta, tb, size, size, size, 1d, GemmTestData.RandomDoubles(rng, size * size), size,
                    GemmTestData.RandomDoubles(rng, size * size), size, 0d, cd, size);
                Assert.All(cd, x => Assert.True(double.IsFinite(x)));
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
            foreach (var (m, n, k) in new[] { (1, 1, 1), (7, 13, 5), (33, 17, 70), (64, 10, 129), (0, 3, 2), (3, 4, 0), (9, 24, 31), (130, 70, 40) })
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

/// <summary>Random operands and comparison helpers for the GEMM tests.</summary>
internal static class GemmTestData
{
    public static float[] RandomFloats(RandomGenerator rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2.0 - 1.0);
        return x;
    }

    public static double[] RandomDoubles(RandomGenerator rng, int length)
    {
        var x = new double[length];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() * 2.0 - 1.0;
        return x;
    }

    /// <summary>Elements a row-major matrix occupies, at least 1 so spans are never empty by accident.</summary>
    public static int Length(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;

    /// <summary>The check of <see cref="AssertClose"/> without building messages, for hot loops.</summary>
    public static bool IsClose(float[] expected, float[] actual, int m, int n, int ldc, int k)
    {
        float tol = 2e-6f * (4 + k);
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            bool inside = ldc > 0 && i / ldc < m && i % ldc < n;
            if (inside ? !(MathF.Abs(e - a) <= tol * (1 + MathF.Abs(e))) : BitConverter.SingleToInt32Bits(e) != BitConverter.SingleToInt32Bits(a))
                return false;
        }
        return true;
    }

    /// <summary>Asserts |actual - expected| &lt;= tol * (1 + k) elementwise over the m x n window,
    /// and that elements outside the window (padding between rows) are untouched.</summary>
    public static void AssertClose(float[] expected, float[] actual, int m, int n, int ldc, int k, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        float tol = 2e-6f * (4 + k);
        for (int i = 0; i < expected.Length; i++)
        {
            int row = ldc > 0 ? i / ldc : 0, col = ldc > 0 ? i % ldc : 0;
            bool inside = ldc > 0 && row < m && col < n;
            float e = expected[i], a = actual[i];
            if (!inside)
            {
                if (BitConverter.SingleToInt32Bits(e) != BitConverter.SingleToInt32Bits(a))
                    Assert.Fail($"{context}: padding element {i} changed from {e} to {a}");
                continue;
            }
            if (!(MathF.Abs(e - a) <= tol * (1 + MathF.Abs(e))))
                Assert.Fail($"{context}: C[{row},{col}] expected {e}, got {a} (tol {tol})");
        }
    }
}

/// <summary>A random SGEMM problem with its storage, for running the same product several ways.</summary>
internal sealed class GemmProblem
{
    public required bool TransA { get; init; }
    public required bool TransB { get; init; }
    public required int M { get; init; }
    public required int N { get; init; }
    public required int K { get; init; }
    public required int Lda { get; init; }
    public required int Ldb { get; init; }
    public required int Ldc { get; init; }
    public required float[] A { get; init; }
    public required float[] B { get; init; }
    public required float[] C0 { get; init; }

    public static GemmProblem Random(RandomGenerator rng, bool ta, bool tb, int m, int n, int k, int pad = 0)
    {
        int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
        return new GemmProblem
        {
            TransA = ta, TransB = tb, M = m, N = n, K = k, Lda = lda, Ldb = ldb, Ldc = ldc,
            A = GemmTestData.RandomFloats(rng, GemmTestData.Length(ta ? k : m, ta ? m : k, lda)),
            B = GemmTestData.RandomFloats(rng, GemmTestData.Length(tb ? n : k, tb ? k : n, ldb)),
            C0 = GemmTestData.RandomFloats(rng, GemmTestData.Length(m, n, ldc)),
        };
    }

    public float[] Reference(float alpha, float beta)
    {
        var c = (float[])C0.Clone();
        Gemm.SgemmReference(TransA, TransB, M, N, K, alpha, A, Lda, B, Ldb, beta, c, Ldc);
        return c;
    }

    /// <summary>The packed driver with a forced kernel (or the automatic choice when null).</summary>
    public float[] Run(float alpha, float beta, MicroKernel? kernel, int threads,
        ReadOnlySpan<float> bias = default, Activation activation = Activation.None)
    {
        var c = (float[])C0.Clone();
        Gemm.SgemmCore(TransA, TransB, M, N, K, alpha, A, Lda, B, Ldb, null, beta, c, Ldc, bias, activation, threads, kernel);
        return c;
    }

    public override string ToString() => $"ta={TransA} tb={TransB} m={M} n={N} k={K} lda={Lda} ldb={Ldb} ldc={Ldc}";
}
