using DeepSharp.Backends.Cpu;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Optim;

/// <summary>The SIMD update functions against plain scalar loops with the same operation order,
/// over every length 0..40 so each vector-width and tail case runs: results must be bit-identical.</summary>
public class OptimMathSimdTests
{
    private static float[] Random(int n, RandomGenerator rng, float low = -2, float high = 2)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)rng.NextDouble(low, high);
        return a;
    }

    public static TheoryData<int> Lengths => new(Enumerable.Range(0, 41));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SgdMatchesScalar(int n)
    {
        var rng = new RandomGenerator((ulong)n);
        var p = Random(n, rng);
        var g = Random(n, rng);
        var b = Random(n, rng);
        var (p2, b2) = ((float[])p.Clone(), (float[])b.Clone());
        SgdKernel.Step(p, g, b, 0.1f, 0.9f, 0.2f, 0.01f, nesterov: false, firstStep: false);
        for (int i = 0; i < n; i++)
        {
            float d = g[i] + 0.01f * p2[i];
            b2[i] = 0.9f * b2[i] + (1 - 0.2f) * d;
            p2[i] = p2[i] - 0.1f * b2[i];
        }
        Assert.Equal(p2, p);
        Assert.Equal(b2, b);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AdamMatchesScalar(int n)
    {
        var rng = new RandomGenerator(100 + (ulong)n);
        var p = Random(n, rng);
        var g = Random(n, rng);
        var m = Random(n, rng);
        var v = Random(n, rng, 0, 1);
        var (p2, m2, v2) = ((float[])p.Clone(), (float[])m.Clone(), (float[])v.Clone());
        AdamKernel.Step(p, g, m, v, 0.01, 0.9, 0.999, 1e-8, 0.1, step: 3, decoupledWeightDecay: true);
        float stepSize = (float)(0.01 / (1 - Math.Pow(0.9, 3))), corr = (float)Math.Sqrt(1 - Math.Pow(0.999, 3));
        float decay = (float)(1 - 0.01 * 0.1), c1 = (float)(1 - 0.9), c2 = (float)(1 - 0.999);
        for (int i = 0; i < n; i++)
        {
            float pi = p2[i] * decay;
            m2[i] = 0.9f * m2[i] + c1 * g[i];
            v2[i] = 0.999f * v2[i] + c2 * g[i] * g[i];
            p2[i] = pi - stepSize * (m2[i] / (MathF.Sqrt(v2[i]) / corr + 1e-8f));
        }
        Assert.Equal(p2, p);
        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RmsPropMatchesScalar(int n)
    {
        var rng = new RandomGenerator(200 + (ulong)n);
        var p = Random(n, rng);
        var g = Random(n, rng);
        var s = Random(n, rng, 1, 2);
        var a = Random(n, rng, -0.5f, 0.5f);
        var b = Random(n, rng);
        var (p2, s2, a2, b2) = ((float[])p.Clone(), (float[])s.Clone(), (float[])a.Clone(), (float[])b.Clone());
        RmsPropKernel.Step(p, g, s, a, b, 0.01f, 0.99f, 1e-8f, 0.01f, 0.9f, centered: true);
        for (int i = 0; i < n; i++)
        {
            float gi = g[i] + 0.01f * p2[i];
            s2[i] = 0.99f * s2[i] + (1 - 0.99f) * gi * gi;
            a2[i] = 0.99f * a2[i] + (1 - 0.99f) * gi;
            float d = MathF.Sqrt(s2[i] - a2[i] * a2[i]) + 1e-8f;
            b2[i] = 0.9f * b2[i] + gi / d;
            p2[i] = p2[i] - 0.01f * b2[i];
        }
        Assert.Equal(p2, p);
        Assert.Equal(s2, s);
        Assert.Equal(a2, a);
        Assert.Equal(b2, b);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AdaGradMatchesScalar(int n)
    {
        var rng = new RandomGenerator(300 + (ulong)n);
        var p = Random(n, rng);
        var g = Random(n, rng);
        var s = Random(n, rng, 0, 1);
        var (p2, s2) = ((float[])p.Clone(), (float[])s.Clone());
        AdaGradKernel.Step(p, g, s, 0.1, 0.5, 1e-10, 0.01, step: 2);
        float clr = (float)(0.1 / 1.5);
        for (int i = 0; i < n; i++)
        {
            float gi = g[i] + 0.01f * p2[i];
            s2[i] = s2[i] + gi * gi;
            p2[i] = p2[i] - clr * (gi / (MathF.Sqrt(s2[i]) + 1e-10f));
        }
        Assert.Equal(p2, p);
        Assert.Equal(s2, s);
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => SgdKernel.Step(new float[3], new float[2], [], 0.1f, 0, 0, 0, false, true));
        Assert.Contains("grad", ex.Message);
        Assert.Throws<ArgumentException>(() => AdamKernel.Step(new float[3], new float[3], new float[3], new float[2], 0.1, 0.9, 0.999, 1e-8, 0, 1, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdamKernel.Step(new float[1], new float[1], new float[1], new float[1], 0.1, 0.9, 0.999, 1e-8, 0, 0, false));
    }
}
