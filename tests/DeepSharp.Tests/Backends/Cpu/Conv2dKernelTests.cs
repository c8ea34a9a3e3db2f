using DeepSharp.Tests.TestSupport;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Backends.Cpu;

public sealed class Conv2dKernelTests
{
    /// <summary>Random valid geometries: groups, stride, padding, dilation, rectangular kernels, 1x1 kernels.</summary>
    internal static IEnumerable<Conv2dGeometry> RandomGeometries(ulong seed, int count)
    {
        var rng = new RandomGenerator(seed);
        int made = 0;
        while (made < count)
        {
            int groups = rng.NextInt(3) + 1;
            int n = rng.NextInt(3) + 1, cg = rng.NextInt(3) + 1, kg = rng.NextInt(3) + 1;
            int h = rng.NextInt(12) + 1, w = rng.NextInt(12) + 1, kh = rng.NextInt(4) + 1, kw = rng.NextInt(4) + 1;
            int sh = rng.NextInt(3) + 1, sw = rng.NextInt(3) + 1, ph = rng.NextInt(3), pw = rng.NextInt(3);
            int dh = rng.NextInt(2) + 1, dw = rng.NextInt(2) + 1;
            if (rng.NextInt(6) == 0) (kh, kw, sh, sw, ph, pw) = (1, 1, 1, 1, 0, 0); // pointwise path
            if (dh * (kh - 1) + 1 > h + 2 * ph || dw * (kw - 1) + 1 > w + 2 * pw) continue;
            made++;
            yield return new Conv2dGeometry(n, cg * groups, h, w, kg * groups, kh, kw, sh, sw, ph, pw, dh, dw, groups);
        }
    }

    private static float[] Random(RandomGenerator rng, int length) => GemmTestData.RandomFloats(rng, length);

    /// <summary>The generic (im2col + GEMM) path, and where the CPU has AVX-512 its im2col path and
    /// the direct kernels (which fall back to im2col for the shapes they do not take).</summary>
    public static TheoryData<string> Paths() => Conv2dKernel.UseAvx512<float>()
        ? new TheoryData<string> { nameof(ConvPath.Generic), nameof(ConvPath.Im2Col), nameof(ConvPath.Best) }
        : new TheoryData<string> { nameof(ConvPath.Generic) };

    /// <summary>Float against the double-accumulating oracle, with a tolerance that grows with the reduction length.</summary>
    private static void AssertClose(float[] expected, float[] actual, int reduction, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        float tol = 1e-6f * (4 + reduction);
        for (int i = 0; i < expected.Length; i++)
            if (!(MathF.Abs(expected[i] - actual[i]) <= tol * (1 + MathF.Abs(expected[i]))))
                Assert.Fail($"{context}: element {i} expected {expected[i]}, got {actual[i]} (tol {tol})");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ForwardMatchesNaiveConvolutionOverRandomShapes(string pathName)
    {
        var path = Enum.Parse<ConvPath>(pathName);
        var rng = new RandomGenerator(11);
        foreach (var g in RandomGeometries(1, 250))
        {
            var x = Random(rng, g.InputSize);
            var w = Random(rng, g.WeightSize);
            var b = rng.NextInt(2) == 0 ? [] : Random(rng, g.OutChannels);
            var expected = new float[g.OutputSize];
            var actual = new float[g.OutputSize];
            Array.Fill(actual, float.NaN); // every element must be written
            Conv2dReference.Forward<float>(g, x, w, b, expected);
            Conv2dKernel.Forward<float>(g, x, w, b, actual, path);
            AssertClose(expected, actual, g.ColRows, g.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void InputGradientMatchesNaiveOverRandomShapes(string pathName)
    {
        var path = Enum.Parse<ConvPath>(pathName);
        var rng = new RandomGenerator(12);
        foreach (var g in RandomGeometries(2, 250))
        {
            var gy = Random(rng, g.OutputSize);
            var w = Random(rng, g.WeightSize);
            var expected = new float[g.InputSize];
            var actual = new float[g.InputSize];
            Array.Fill(actual, float.NaN);
            Conv2dReference.BackwardInput<float>(g, gy, w, expected);
            Conv2dKernel.BackwardInput<float>(g, gy, w, actual, path);
            AssertClose(expected, actual, g.GroupOutChannels * g.KernelHeight * g.KernelWidth, g.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void WeightAndBiasGradientsMatchNaiveOverRandomShapes(string pathName)
    {
        var path = Enum.Parse<ConvPath>(pathName);
        var rng = new RandomGenerator(13);
        foreach (var g in RandomGeometries(3, 250))
        {
            var x = Random(rng, g.InputSize);
            var gy = Random(rng, g.OutputSize);
            var expectedW = new float[g.WeightSize];
            var expectedB = new float[g.OutChannels];
            var actualW = new float[g.WeightSize];
            var actualB = new float[g.OutChannels];
            Array.Fill(actualW, float.NaN);
            Array.Fill(actualB, float.NaN);
            Conv2dReference.BackwardWeight<float>(g, x, gy, expectedW, expectedB);
            Conv2dKernel.BackwardWeight<float>(g, x, gy, actualW, actualB, path);
            AssertClose(expectedW, actualW, g.Batch * g.ColCols, g.ToString());
            AssertClose(expectedB, actualB, g.Batch * g.ColCols, g.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void LeNetShapesMatchNaive(string pathName)
    {
        var path = Enum.Parse<ConvPath>(pathName);
        var rng = new RandomGenerator(14);
        Conv2dGeometry[] shapes =
        [
            new(16, 1, 28, 28, 6, 5, 5, padHeight: 2, padWidth: 2),
            new(16, 6, 14, 14, 16, 5, 5),
        ];
        foreach (var g in shapes)
        {
            var x = Random(rng, g.InputSize);
            var w = Random(rng, g.WeightSize);
            var gy = Random(rng, g.OutputSize);
            var (e, a) = (new float[g.OutputSize], new float[g.OutputSize]);
            Conv2dReference.Forward<float>(g, x, w, default, e);
            Conv2dKernel.Forward<float>(g, x, w, default, a, path);
            AssertClose(e, a, g.ColRows, "forward " + g);
            var (ex, ax) = (new float[g.InputSize], new float[g.InputSize]);
            Conv2dReference.BackwardInput<float>(g, gy, w, ex);
            Conv2dKernel.BackwardInput<float>(g, gy, w, ax, path);
            AssertClose(ex, ax, g.OutChannels * 25, "input grad " + g);
            var (ew, aw) = (new float[g.WeightSize], new float[g.WeightSize]);
            Conv2dReference.BackwardWeight<float>(g, x, gy, ew, default);
            Conv2dKernel.BackwardWeight<float>(g, x, gy, aw, default, path);
            AssertClose(ew, aw, g.Batch * g.ColCols, "weight grad " + g);
        }
    }

    [Fact]
    public void DoublePathMatchesNaiveClosely()
    {
        var rng = new RandomGenerator(15);
        foreach (var g in RandomGeometries(4, 60))
        {
            var x = GemmTestData.RandomDoubles(rng, g.InputSize);
            var w = GemmTestData.RandomDoubles(rng, g.WeightSize);
            var gy = GemmTestData.RandomDoubles(rng, g.OutputSize);
            var (e, a) = (new double[g.OutputSize], new double[g.OutputSize]);
            Conv2dReference.Forward<double>(g, x, w, default, e);
            Conv2dKernel.Forward<double>(g, x, w, default, a);
            for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) < 1e-12, $"{g}: {e[i]} vs {a[i]}");
            var (ew, aw, eb, ab) = (new double[g.WeightSize], new double[g.WeightSize], new double[g.OutChannels], new double[g.OutChannels]);
            Conv2dReference.BackwardWeight<double>(g, x, gy, ew, eb);
            Conv2dKernel.BackwardWeight<double>(g, x, gy, aw, ab);
            for (int i = 0; i < ew.Length; i++) Assert.True(Math.Abs(ew[i] - aw[i]) < 1e-12, $"{g}: {ew[i]} vs {aw[i]}");
            for (int i = 0; i < eb.Length; i++) Assert.True(Math.Abs(eb[i] - ab[i]) < 1e-12, $"{g}: {eb[i]} vs {ab[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ResultsDoNotDependOnTheThreadCount(string pathName)
    {
        var path = Enum.Parse<ConvPath>(pathName);
        var rng = new RandomGenerator(16);
        var g = new Conv2dGeometry(37, 6, 14, 14, 16, 5, 5);
        var x = Random(rng, g.InputSize);
        var w = Random(rng, g.WeightSize);
        var b = Random(rng, g.OutChannels);
        var gy = Random(rng, g.OutputSize);
        float[][] Run()
        {
            var y = new float[g.OutputSize];
            var gx = new float[g.InputSize];
            var gw = new float[g.WeightSize];
            var gb = new float[g.OutChannels];
            Conv2dKernel.Forward<float>(g, x, w, b, y, path);
            Conv2dKernel.BackwardInput<float>(g, gy, w, gx, path);
            Conv2dKernel.BackwardWeight<float>(g, x, gy, gw, gb, path);
            return [y, gx, gw, gb];
        }
        var one = TestThreads.Run(1, Run);
        var two = TestThreads.Run(2, Run);
        var three = TestThreads.Run(3, Run);
        for (int i = 0; i < one.Length; i++)
        {
            Assert.Equal(one[i], two[i]);
            Assert.Equal(one[i], three[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ScratchBuffersArePooledAfterWarmUp(string pathName)
    {
        var path = Enum.Parse<ConvPath>(pathName);
        // One pass needs a 60 KB im2col matrix per thread and the weight gradient 8 partials; after
        // the first call they come from the pool, so a forward + backward allocates almost nothing.
        var g = new Conv2dGeometry(8, 6, 14, 14, 16, 5, 5);
        var rng = new RandomGenerator(18);
        var x = Random(rng, g.InputSize);
        var w = Random(rng, g.WeightSize);
        var y = new float[g.OutputSize];
        var gx = new float[g.InputSize];
        var gw = new float[g.WeightSize];
        var gb = new float[g.OutChannels];
        using var oneThread = CpuBackend.LimitThreads(1); // all work on this thread, so its allocation counter sees everything
        void Pass()
        {
            Conv2dKernel.Forward<float>(g, x, w, gb, y, path);
            Conv2dKernel.BackwardInput<float>(g, y, w, gx, path);
            Conv2dKernel.BackwardWeight<float>(g, x, y, gw, gb, path);
        }
        Pass();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Pass();
        long perPass = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        Assert.True(perPass < 2048, $"{perPass} bytes allocated per pass");
    }

    [SkippableFact]
    public void DirectForwardTakesTheLeNetLayersAndManyRandomShapes()
    {
        Skip.IfNot(Conv2dKernel.UseAvx512<float>(), "the direct convolution kernels need AVX-512, which this CPU lacks");
        Assert.True(Conv2dDirectAvx512.Applies(new Conv2dGeometry(64, 1, 28, 28, 6, 5, 5, padHeight: 2, padWidth: 2)));
        Assert.True(Conv2dDirectAvx512.Applies(new Conv2dGeometry(64, 6, 14, 14, 16, 5, 5)));
        Assert.False(Conv2dDirectAvx512.Applies(new Conv2dGeometry(1, 1, 28, 28, 6, 5, 5, strideHeight: 2)));
        Assert.False(Conv2dDirectAvx512.Applies(new Conv2dGeometry(1, 3, 40, 40, 8, 3, 3))); // output wider than 32
        // So the "Best" rows of the random-shape forward tests above really run the direct kernel.
        Assert.InRange(RandomGeometries(1, 250).Count(g => Conv2dDirectAvx512.Applies(g)), 60, 250);
    }

    [Fact]
    public void EmptyBatchClearsGradientsAndWritesNothing()
    {
        var g = new Conv2dGeometry(0, 2, 5, 5, 3, 3, 3);
        var gw = Enumerable.Repeat(7f, g.WeightSize).ToArray();
        var gb = new float[] { 1, 2, 3 };
        Conv2dKernel.Forward<float>(g, [], new float[g.WeightSize], default, []);
        Conv2dKernel.BackwardWeight<float>(g, [], [], gw, gb);
        Assert.All(gw, v => Assert.Equal(0f, v));
        Assert.All(gb, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ShortSpansAreRejected()
    {
        var g = new Conv2dGeometry(2, 1, 6, 6, 2, 3, 3);
        var ex = Assert.Throws<ArgumentException>(() =>
            Conv2dKernel.Forward<float>(g, new float[g.InputSize - 1], new float[g.WeightSize], default, new float[g.OutputSize]));
        Assert.Contains("input span holds 71 elements; the geometry needs 72", ex.Message);
    }

    [Fact]
    public void Col2ImIsTheAdjointOfIm2Col()
    {
        // <im2col(x), c> = <x, col2im(c)> for every geometry: the two are transposes of one linear map.
        var rng = new RandomGenerator(17);
        foreach (var g in RandomGeometries(5, 150))
        {
            int imageSize = g.GroupInChannels * g.InHeight * g.InWidth, colSize = g.ColRows * g.ColCols;
            var x = GemmTestData.RandomDoubles(rng, imageSize);
            var c = GemmTestData.RandomDoubles(rng, colSize);
            var col = new double[colSize];
            Array.Fill(col, double.NaN);
            Im2Col.Forward<double>(g, x, col);
            var back = new double[imageSize];
            Im2Col.Backward<double>(g, c, back);
            double left = 0, right = 0;
            for (int i = 0; i < colSize; i++) left += col[i] * c[i];
            for (int i = 0; i < imageSize; i++) right += x[i] * back[i];
            Assert.True(Math.Abs(left - right) < 1e-9 * (1 + Math.Abs(left)), $"{g}: {left} vs {right}");
        }
    }

    [SkippableFact]
    public unsafe void Avx512Im2ColMatchesTheGenericOne()
    {
        Skip.IfNot(System.Runtime.Intrinsics.X86.Avx512F.IsSupported, "the AVX-512 im2col needs AVX-512F, which this CPU lacks");
        var rng = new RandomGenerator(19);
        foreach (var g0 in RandomGeometries(6, 150).Append(new Conv2dGeometry(1, 1, 40, 37, 2, 5, 5, padHeight: 2, padWidth: 3)))
        {
            // Horizontal stride 1 is the case the masked path handles.
            var g = new Conv2dGeometry(g0.Batch, g0.InChannels, g0.InHeight, g0.InWidth, g0.OutChannels, g0.KernelHeight, g0.KernelWidth,
                g0.StrideHeight, 1, g0.PadHeight, g0.PadWidth, g0.DilationHeight, g0.DilationWidth, g0.Groups);
            Assert.True(Im2ColAvx512.Applies(g), $"{g}: horizontal stride 1 on AVX-512 must take the AVX-512 im2col");
            int imageSize = g.GroupInChannels * g.InHeight * g.InWidth, colSize = g.ColRows * g.ColCols;
            var x = Random(rng, imageSize);
            var (expected, actual) = (new float[colSize], Enumerable.Repeat(float.NaN, colSize).ToArray());
            Im2Col.Forward<float>(g, x, expected);
            var pad = new float[Im2ColAvx512.PaddedLength(g) + 1];
            fixed (float* px = x, pa = actual, pp = pad) Im2ColAvx512.Forward(g, px, pa, pp);
            Assert.Equal(expected, actual);
            var c = Random(rng, colSize);
            var (back, backFast) = ((float[])x.Clone(), (float[])x.Clone());
            Im2Col.Backward<float>(g, c, back);
            fixed (float* pc = c, pb = backFast, pp = pad) Im2ColAvx512.Backward(g, pc, pb, pp);
            for (int i = 0; i < back.Length; i++) Assert.True(Math.Abs(back[i] - backFast[i]) <= 1e-5f * (1 + Math.Abs(back[i])), $"{g}: {back[i]} vs {backFast[i]}");
        }
    }

    [Theory]
    [InlineData(28, 5, 1, 2, 1, 28)]
    [InlineData(14, 5, 1, 0, 1, 10)]
    [InlineData(7, 3, 2, 1, 1, 4)]
    [InlineData(10, 3, 1, 0, 2, 6)]
    [InlineData(5, 5, 1, 0, 1, 1)]
    [InlineData(8, 2, 3, 0, 1, 3)]
    public void OutputLengthFollowsTheFormula(int input, int kernel, int stride, int padding, int dilation, int expected) =>
        Assert.Equal(expected, Conv2dGeometry.OutputLength(input, kernel, stride, padding, dilation));

    [Fact]
    public void GeometryRejectsKernelsLargerThanThePaddedInput()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dGeometry(1, 1, 3, 3, 1, 5, 5));
        Assert.Contains("The dilated kernel extent 5 is larger than the padded input 3", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2dGeometry.OutputLength(4, 3, 1, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dGeometry(1, 4, 5, 5, 6, 3, 3, groups: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2dGeometry(1, 1, 5, 5, 1, 3, 3, strideHeight: 0));
    }
}
