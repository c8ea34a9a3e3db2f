using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Backends.Cpu;

public sealed class GemmEpilogueTests
{
    private static readonly (bool TransA, bool TransB)[] Cases = [(false, false), (true, false), (false, true), (true, true)];

    /// <summary>reference C, then + bias[j], then the scalar activation.</summary>
    private static float[] Expected(GemmProblem p, float alpha, float beta, float[]? bias, Activation activation)
    {
        var c = p.Reference(alpha, beta);
        for (int i = 0; i < p.M; i++)
            for (int j = 0; j < p.N; j++)
            {
                float v = c[i * p.Ldc + j] + (bias is null ? 0f : bias[j]);
                c[i * p.Ldc + j] = GemmEpilogue.ApplyScalar(v, activation);
            }
        return c;
    }

    [Theory]
    [InlineData(Activation.None)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    public void BiasAndActivationMatchReference(Activation activation)
    {
        var rng = new RandomGenerator(21);
        foreach (var (ta, tb) in Cases)
            foreach (var (m, n, k) in new[] { (5, 7, 3), (33, 70, 40), (64, 128, 300), (13, 10, 600), (3, 3, 0) })
                foreach (bool withBias in new[] { false, true })
                {
                    var p = GemmProblem.Random(rng, ta, tb, m, n, k, pad: 2);
                    var bias = withBias ? GemmTestData.RandomFloats(rng, n) : null;
                    float beta = withBias ? 0f : 0.5f;
                    var expected = Expected(p, 1.25f, beta, bias, activation);
                    var actual = (float[])p.C0.Clone();
                    Gemm.SgemmBiasAct(ta, tb, m, n, k, 1.25f, p.A, p.Lda, p.B, p.Ldb, beta, actual, p.Ldc, bias, activation);
                    GemmTestData.AssertClose(expected, actual, m, n, p.Ldc, k, $"{activation} bias={withBias} {p}");
                }
    }

    [Fact]
    public void FusedReluEqualsSeparateReluBitForBit()
    {
        var rng = new RandomGenerator(22);
        var p = GemmProblem.Random(rng, false, false, 64, 128, 784);
        var bias = GemmTestData.RandomFloats(rng, 128);
        var fused = (float[])p.C0.Clone();
        Gemm.SgemmBiasAct(false, false, 64, 128, 784, 1f, p.A, p.Lda, p.B, p.Ldb, 0f, fused, p.Ldc, bias, Activation.Relu);
        var plain = (float[])p.C0.Clone();
        Gemm.Sgemm(false, false, 64, 128, 784, 1f, p.A, p.Lda, p.B, p.Ldb, 0f, plain, p.Ldc);
        for (int i = 0; i < 64; i++)
            for (int j = 0; j < 128; j++)
                plain[i * 128 + j] = Math.Max(plain[i * 128 + j] + bias[j], 0f);
        Assert.Equal(plain, fused);
        Assert.Contains(fused, x => x == 0f);
        Assert.Contains(fused, x => x > 0f);
    }

    [Fact]
    public void PackedBMatchesUnpackedBitForBitAndReference()
    {
        var rng = new RandomGenerator(23);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (var (m, n, k) in new[] { (64, 128, 784), (1, 10, 128), (37, 45, 300), (200, 33, 20), (4, 5, 0) })
                {
                    var p = GemmProblem.Random(rng, ta, tb, m, n, k, pad: 1);
                    var packed = Gemm.PackB(tb, k, n, p.B, p.Ldb);
                    Assert.Equal(k, packed.Rows);
                    Assert.Equal(n, packed.Columns);
                    var viaPacked = (float[])p.C0.Clone();
                    Gemm.Sgemm(ta, m, 0.5f, p.A, p.Lda, packed, -1f, viaPacked, p.Ldc);
                    GemmTestData.AssertClose(p.Reference(0.5f, -1f), viaPacked, m, n, p.Ldc, k, $"packed {p}");
                    // Same kernel and k blocks as the unpacked path: identical bits.
                    var direct = p.Run(0.5f, -1f, MicroKernel.Best, threads: 2);
                    Assert.True(direct.AsSpan().SequenceEqual(viaPacked), $"packed differs from unpacked: {p}");
                }
    }

    [Fact]
    public void PackedBWithEpilogueMatchesReference()
    {
        var rng = new RandomGenerator(24);
        var p = GemmProblem.Random(rng, false, true, 50, 70, 90);
        var bias = GemmTestData.RandomFloats(rng, 70);
        var packed = Gemm.PackB(true, 90, 70, p.B, p.Ldb);
        var actual = (float[])p.C0.Clone();
        Gemm.SgemmBiasAct(false, 50, 1f, p.A, p.Lda, packed, 0f, actual, p.Ldc, bias, Activation.Sigmoid);
        GemmTestData.AssertClose(Expected(p, 1f, 0f, bias, Activation.Sigmoid), actual, 50, 70, p.Ldc, 90, "packed sigmoid");
    }

    [Fact]
    public void EpilogueArgumentsAreValidated()
    {
        var buf = new float[64];
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.SgemmBiasAct(false, false, 4, 4, 4, 1f, buf, 4, buf, 4, 0f, buf, 4, new float[3], Activation.Relu));
        Assert.Equal("bias", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.SgemmBiasAct(false, false, 4, 4, 4, 1f, buf, 4, buf, 4, 0f, buf, 4, default, (Activation)42));
        var packed = Gemm.PackB(false, 4, 4, buf, 4);
        ex = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, 4, 1f, buf, 3, packed, 0f, buf, 4));
        Assert.Equal("lda", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Gemm.PackB(true, 4, 5, buf.AsSpan(0, 10), 4));
        Assert.Equal("b", ex.ParamName);
    }
}
