using DeepSharp.Kernels;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Kernels;

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
