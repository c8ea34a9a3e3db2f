using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Backends.Cpu;

public sealed class Pool2dKernelTests
{
    /// <summary>Naive pooling in double, written from the definition (window clipped to the input).</summary>
    private static (double[] Max, double[] Avg, int[] ArgMax) Naive(Pool2dGeometry g, float[] x, bool countIncludePad)
    {
        var max = new double[g.OutputSize];
        var avg = new double[g.OutputSize];
        var arg = new int[g.OutputSize];
        for (int p = 0; p < g.Planes; p++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                {
                    double best = double.NegativeInfinity, sum = 0;
                    int bestAt = -1, count = 0;
                    for (int i = 0; i < g.KernelHeight; i++)
                        for (int j = 0; j < g.KernelWidth; j++)
                        {
                            int ih = oy * g.StrideHeight - g.PadHeight + i, iw = ox * g.StrideWidth - g.PadWidth + j;
                            if (ih < 0 || iw < 0 || ih >= g.InHeight || iw >= g.InWidth) continue;
                            int at = p * g.InPlaneSize + ih * g.InWidth + iw;
                            count++;
                            sum += x[at];
                            if (x[at] > best) (best, bestAt) = (x[at], at);
                        }
                    int o = p * g.OutPlaneSize + oy * g.OutWidth + ox;
                    int hs = oy * g.StrideHeight - g.PadHeight, ws = ox * g.StrideWidth - g.PadWidth;
                    int divisor = countIncludePad
                        ? (Math.Min(hs + g.KernelHeight, g.InHeight + g.PadHeight) - hs) * (Math.Min(ws + g.KernelWidth, g.InWidth + g.PadWidth) - ws)
                        : count;
                    (max[o], avg[o], arg[o]) = (best, sum / divisor, bestAt);
                }
        return (max, avg, arg);
    }

    private static IEnumerable<Pool2dGeometry> RandomGeometries(ulong seed, int count)
    {
        var rng = new RandomGenerator(seed);
        for (int made = 0; made < count;)
        {
            int kh = rng.NextInt(4) + 1, kw = rng.NextInt(4) + 1;
            int h = rng.NextInt(12) + 1, w = rng.NextInt(12) + 1;
            int ph = rng.NextInt(kh / 2 + 1), pw = rng.NextInt(kw / 2 + 1);
            if (kh > h + 2 * ph || kw > w + 2 * pw) continue;
            made++;
            yield return new Pool2dGeometry(rng.NextInt(3) + 1, rng.NextInt(3) + 1, h, w, kh, kw, rng.NextInt(3) + 1, rng.NextInt(3) + 1, ph, pw);
        }
        // LeNet's subsampling and every even width through the SIMD tails.
        for (int w = 2; w <= 40; w += 2)
            yield return new Pool2dGeometry(2, 3, 4 + w % 6, w, 2, 2, 2, 2);
    }

    [Fact]
    public void ForwardAndBackwardMatchTheDefinition()
    {
        var rng = new RandomGenerator(21);
        foreach (var g in RandomGeometries(1, 200))
        {
            // Distinct values so the maximum is unique and the routing is checkable.
            var x = rng.Permutation(g.InputSize).Select(v => v * 0.5f - 3f).ToArray();
            var gy = GemmTestData.RandomFloats(rng, g.OutputSize);
            foreach (bool include in new[] { true, false })
            {
                var (max, avg, arg) = Naive(g, x, include);
                var yMax = new float[g.OutputSize];
                var yAvg = new float[g.OutputSize];
                Pool2dKernel.MaxForward<float>(g, x, yMax);
                Pool2dKernel.AvgForward<float>(g, x, yAvg, include);
                for (int i = 0; i < yMax.Length; i++)
                {
                    Assert.Equal((float)max[i], yMax[i]);
                    Assert.True(Math.Abs(avg[i] - yAvg[i]) <= 1e-5 * (1 + Math.Abs(avg[i])), $"{g}: avg {avg[i]} vs {yAvg[i]}");
                }
                var gxMax = Enumerable.Repeat(float.NaN, g.InputSize).ToArray();
                Pool2dKernel.MaxBackward<float>(g, x, yMax, gy, gxMax);
                var expected = new double[g.InputSize];
                for (int o = 0; o < arg.Length; o++) expected[arg[o]] += gy[o];
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(expected[i] - gxMax[i]) <= 1e-5, $"{g}: max grad {i} {expected[i]} vs {gxMax[i]}");

                var gxAvg = Enumerable.Repeat(float.NaN, g.InputSize).ToArray();
                Pool2dKernel.AvgBackward<float>(g, gy, gxAvg, include);
                // Adjoint check: <avg(x'), gy> = <x', avgᵀ(gy)> for the linear average pooling.
                var probe = GemmTestData.RandomDoubles(rng, g.InputSize);
                var (_, avgProbe, _) = Naive(g, probe.Select(v => (float)v).ToArray(), include);
                double left = 0, right = 0;
                for (int o = 0; o < gy.Length; o++) left += avgProbe[o] * gy[o];
                for (int i = 0; i < probe.Length; i++) right += (float)probe[i] * (double)gxAvg[i];
                Assert.True(Math.Abs(left - right) <= 1e-4 * (1 + Math.Abs(left)), $"{g}: avg adjoint {left} vs {right}");
            }
        }
    }

    [Fact]
    public void TiesRouteToTheFirstMaximumAndNaNPropagates()
    {
        var g = new Pool2dGeometry(1, 1, 2, 16, 2, 2, 2, 2);
        var x = new float[32];
        x[1] = x[16] = 5f;                     // window 0: tie between (0, 1) and (1, 0)
        x[2] = float.NaN;                      // window 1 holds a NaN
        var y = new float[8];
        Pool2dKernel.MaxForward<float>(g, x, y);
        Assert.Equal(5f, y[0]);
        Assert.True(float.IsNaN(y[1]));
        var gx = new float[32];
        Pool2dKernel.MaxBackward<float>(g, x, y, Enumerable.Repeat(1f, 8).ToArray(), gx);
        Assert.Equal(1f, gx[1]);
        Assert.Equal(0f, gx[16]);
        Assert.Equal(1f, gx[2]);
    }

    [Fact]
    public void SimdPathMatchesTheScalarDoublePath()
    {
        var rng = new RandomGenerator(22);
        for (int w = 2; w <= 66; w += 2)
        {
            var g = new Pool2dGeometry(1, 2, 6, w, 2, 2, 2, 2);
            var x = GemmTestData.RandomFloats(rng, g.InputSize);
            var xd = x.Select(v => (double)v).ToArray();
            var (yf, yd) = (new float[g.OutputSize], new double[g.OutputSize]);
            Pool2dKernel.MaxForward<float>(g, x, yf);
            Pool2dKernel.MaxForward<double>(g, xd, yd);
            for (int i = 0; i < yf.Length; i++) Assert.Equal((float)yd[i], yf[i]);
            Pool2dKernel.AvgForward<float>(g, x, yf);
            Pool2dKernel.AvgForward<double>(g, xd, yd);
            for (int i = 0; i < yf.Length; i++) Assert.True(Math.Abs(yd[i] - yf[i]) < 1e-6, $"w={w}: {yd[i]} vs {yf[i]}");
        }
    }

    [Fact]
    public void SimdMaxBackwardRoutesTiesLikeTheScalarPath()
    {
        // Values from {0, 1, 2} (and some NaN) make ties in most windows; the SIMD float path must pick
        // the same element as the scalar double path: the first maximum in row-major window order.
        var rng = new RandomGenerator(23);
        for (int w = 8; w <= 44; w += 2) // 8..14: the 8-column blocks; 16 on: the 16-column ones
        {
            var g = new Pool2dGeometry(2, 2, 6, w, 2, 2, 2, 2);
            var x = Enumerable.Range(0, g.InputSize).Select(_ => rng.NextInt(40) == 0 ? float.NaN : rng.NextInt(3)).ToArray();
            var gy = Enumerable.Range(0, g.OutputSize).Select(i => (float)(i + 1)).ToArray();
            var xd = x.Select(v => (double)v).ToArray();
            var (y, yd) = (new float[g.OutputSize], new double[g.OutputSize]);
            Pool2dKernel.MaxForward<float>(g, x, y);
            Pool2dKernel.MaxForward<double>(g, xd, yd);
            var (gx, gxd) = (Enumerable.Repeat(float.NaN, g.InputSize).ToArray(), new double[g.InputSize]);
            Pool2dKernel.MaxBackward<float>(g, x, y, gy, gx);
            Pool2dKernel.MaxBackward<double>(g, xd, yd, gy.Select(v => (double)v).ToArray(), gxd);
            for (int i = 0; i < gx.Length; i++) Assert.True(gxd[i] == gx[i], $"w={w}, element {i}: scalar {gxd[i]}, SIMD {gx[i]}");
        }
    }

    [Fact]
    public void AdaptiveAverageUsesPyTorchWindows()
    {
        // 5 -> 3: rows [0, 2), [1, 4), [3, 5).
        Assert.Equal((0, 2), Pool2dKernel.AdaptiveRange(0, 5, 3));
        Assert.Equal((1, 4), Pool2dKernel.AdaptiveRange(1, 5, 3));
        Assert.Equal((3, 5), Pool2dKernel.AdaptiveRange(2, 5, 3));
        var x = Enumerable.Range(0, 5).Select(v => (float)v).ToArray(); // one 1x5 plane
        var y = new float[3];
        Pool2dKernel.AdaptiveAvgForward<float>(1, 1, 5, 1, 3, x, y);
        Assert.Equal(new[] { 0.5f, 2f, 3.5f }, y);
        var gx = new float[5];
        Pool2dKernel.AdaptiveAvgBackward<float>(1, 1, 5, 1, 3, new[] { 2f, 3f, 4f }, gx);
        Assert.Equal(new[] { 1f, 2f, 1f, 3f, 2f }, gx);
    }

    [Fact]
    public void GeometryValidatesPaddingAndSize()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pool2dGeometry(1, 1, 8, 8, 2, 2, 2, 2, padHeight: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pool2dGeometry(1, 1, 1, 8, 3, 3, 1, 1));
        var g = new Pool2dGeometry(1, 1, 28, 28, 2, 2, 2, 2);
        Assert.Equal((14, 14), (g.OutHeight, g.OutWidth));
        Assert.True(g.IsTwoByTwo);
        Assert.Equal((5, 5), (new Pool2dGeometry(1, 1, 10, 10, 2, 2, 2, 2).OutHeight, 5));
        Assert.Equal(4, new Pool2dGeometry(1, 1, 7, 7, 3, 3, 2, 2, 1, 1).OutHeight);
    }
}
