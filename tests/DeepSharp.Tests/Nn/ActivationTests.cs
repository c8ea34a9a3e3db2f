using DeepSharp.Backends.Cpu;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;

namespace DeepSharp.Tests.Nn;

public class ActivationTests
{
    private static Tensor D(params double[] v) => Tensor.FromArray(v);

    [Fact]
    public void StepIsHeavisideAtThresholdAndHasZeroGradient()
    {
        Close([0, 1, 1], Functional.Step(D(-1, 0, 2)));
        Close([0, 1, 1], Functional.Step(D(0.4, 0.5, 0.7), 0.5));
        var x = D(-1, 0.5, 3).RequireGrad();
        Functional.Step(x).Sum().Backward();
        Close([0, 0, 0], x.Grad!);
        GradChecks(t => Functional.Step(t[0], 0.1), SmoothInput());
    }

    [Fact]
    public void SignIsPlusOrMinusOne()
    {
        Close([-1, 1, 1], Functional.Sign(D(-2, 0, 3)));
        var x = D(-1, 2).RequireGrad();
        Functional.Sign(x).Sum().Backward();
        Close([0, 0], x.Grad!);
        GradChecks(t => Functional.Sign(t[0]), SmoothInput());
    }

    [Fact]
    public void SigmoidTanhArctanValues()
    {
        Close([0.5, 0.75, 0.25], Functional.Sigmoid(D(0, Math.Log(3), -Math.Log(3))), 1e-15);
        Close([0, 0.6, -0.6], Functional.Tanh(D(0, Math.Log(2), -Math.Log(2))), 1e-15);
        Close([Math.PI / 4, -Math.PI / 3], Functional.Arctan(D(1, -Math.Sqrt(3))), 1e-15);
        GradChecks(t => Functional.Sigmoid(t[0]), SmoothInput());
        GradChecks(t => Functional.Tanh(t[0]), SmoothInput());
        GradChecks(t => Functional.Arctan(t[0]), SmoothInput());
    }

    [Fact]
    public void ReluFamilyValues()
    {
        Close([0, 0, 2], Functional.Relu(D(-1, 0, 2)));
        Close([-0.2, 3], Functional.LeakyRelu(D(-2, 3), 0.1), 1e-15);
        Close([-1, -1, -0.5, 2], Functional.ShiftedRelu(D(-3, -1, -0.5, 2)));
        Close([0.5, 1], Functional.ShiftedRelu(D(0, 1), 0.5));
        GradChecks(t => Functional.Relu(t[0]), SmoothInput());
        GradChecks(t => Functional.LeakyRelu(t[0], 0.1), SmoothInput());
        GradChecks(t => Functional.ShiftedRelu(t[0]), SmoothInput());
        GradChecks(t => Functional.ShiftedRelu(t[0], 0.6), SmoothInput());
    }

    [Fact]
    public void SoftplusValuesAndExtremes()
    {
        Close([Math.Log(2), Math.Log(4)], Functional.Softplus(D(0, Math.Log(3))), 1e-15);
        Close([Math.Log(2)], Functional.Softplus(D(Math.Log(3) / 2), beta: 2), 1e-15);
        Close([100, 0], Functional.Softplus(D(100, -1000)));
        GradChecks(t => Functional.Softplus(t[0]), SmoothInput());
        GradChecks(t => Functional.Softplus(t[0], beta: 3, threshold: 5), SmoothInput());
    }

    [Fact]
    public void EluValues()
    {
        Close([-1, 3], Functional.Elu(D(-Math.Log(2), 3), alpha: 2), 1e-15);
        Close([-1], Functional.Elu(D(-1000)));
        GradChecks(t => Functional.Elu(t[0]), SmoothInput());
        GradChecks(t => Functional.Elu(t[0], 0.5), SmoothInput());
    }

    [Fact]
    public void SwishAndSiluValues()
    {
        double ln3 = Math.Log(3);
        Close([0, 0.75 * ln3], Functional.Swish(D(0, ln3)), 1e-15);
        Close([0.75 * ln3 / 2], Functional.Swish(D(ln3 / 2), beta: 2), 1e-15);
        Close([0.75 * ln3, -0.25 * ln3], Functional.Silu(D(ln3, -ln3)), 1e-15);
        GradChecks(t => Functional.Swish(t[0], 1.7), SmoothInput());
        GradChecks(t => Functional.Silu(t[0]), SmoothInput());
    }

    [Fact]
    public void GeluExactAndTanhValues()
    {
        Close([0, 0.8413447460685429, -0.15865525393145707, 1.9544997361036416, -0.15426876936299344],
            Functional.Gelu(D(0, 1, -1, 2, -0.5)), 1e-13);
        Close([0.8411919906082768, -0.15880800939172324], Functional.Gelu(D(1, -1), GeluApproximation.Tanh), 1e-14);
        Close([0, 30], Functional.Gelu(D(-30, 30)));
        GradChecks(t => Functional.Gelu(t[0]), SmoothInput());
        GradChecks(t => Functional.Gelu(t[0], GeluApproximation.Tanh), SmoothInput());
    }

    [Fact]
    public void Float32GeluAgreesWithTheExactFormToSinglePrecision()
    {
        var x = Tensor.Linspace(-8, 8, 3001, DType.Float64);
        var exact = Functional.Gelu(x).ToDoubleArray();
        var single = Functional.Gelu(x.To(DType.Float32)).ToDoubleArray();
        var xs = x.ToDoubleArray();
        for (int i = 0; i < xs.Length; i++)
            Assert.True(Math.Abs(exact[i] - single[i]) <= 2e-7 * Math.Max(1, Math.Abs(xs[i])), $"x = {xs[i]}: {single[i]} vs {exact[i]}");
        var xf = x.To(DType.Float32).RequireGrad();
        Functional.Gelu(xf).Sum().Backward();
        var xd = x.Clone().RequireGrad();
        Functional.Gelu(xd).Sum().Backward();
        var gf = xf.Grad!.ToDoubleArray();
        var gd = xd.Grad!.ToDoubleArray();
        for (int i = 0; i < gf.Length; i++) Assert.True(Math.Abs(gf[i] - gd[i]) < 1e-6, $"x = {xs[i]}: {gf[i]} vs {gd[i]}");
    }

    [Fact]
    public void LargeTensorsSplitAcrossBlocksAndThreadsGiveTheSameValues()
    {
        // 100,003 elements: several threads, many blocks and a ragged tail
        var x = Tensor.Randn([100_003], new RandomGenerator(12)).RequireGrad();
        var y = Functional.Swish(x, 1.3);
        var reference = x.Detach() * (x.Detach() * 1.3).Sigmoid();
        Close(reference.ToDoubleArray(), y, 1e-6);
        y.Sum().Backward();
        var xs = x.ToDoubleArray();
        var g = x.Grad!.ToDoubleArray();
        foreach (int i in new[] { 0, 2047, 2048, 50_000, 100_002 })
        {
            double s = 1 / (1 + Math.Exp(-1.3 * xs[i]));
            Assert.Equal(s * (1 + 1.3 * xs[i] * (1 - s)), g[i], 1e-5);
        }
    }

    [Fact]
    public void FusedActivationsKeepFloat32AndWorkOnViews()
    {
        var x = Tensor.FromArray(new float[] { -1, 2, -3, 4, -5, 6 }, 2, 3).T; // non-contiguous view
        var y = Functional.LeakyRelu(x, 0.5);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal([3, 2], y.ShapeArray);
        Assert.Equal(new float[] { -0.5f, 4, 2, -2.5f, -1.5f, 6 }, y.ToArray<float>());
    }

    [Fact]
    public void IntegerInputIsRejected()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Functional.Elu(Tensor.FromArray(new[] { 1, 2 })));
        Assert.Contains("Elu", ex.Message);
    }

    [Fact]
    public void ModulesCallTheirFunctionalForms()
    {
        var x = SmoothInput();
        (Module Module, Func<Tensor, Tensor> F)[] pairs =
        [
            (new Identity(), Functional.Identity),
            (new Step(0.5), t => Functional.Step(t, 0.5)),
            (new Sign(), Functional.Sign),
            (new Sigmoid(), Functional.Sigmoid),
            (new Tanh(), Functional.Tanh),
            (new Arctan(), Functional.Arctan),
            (new Relu(), Functional.Relu),
            (new LeakyRelu(0.2), t => Functional.LeakyRelu(t, 0.2)),
            (new ShiftedRelu(), t => Functional.ShiftedRelu(t)),
            (new Softplus(2, 10), t => Functional.Softplus(t, 2, 10)),
            (new Elu(0.7), t => Functional.Elu(t, 0.7)),
            (new Swish(1.5), t => Functional.Swish(t, 1.5)),
            (new Silu(), Functional.Silu),
            (new Gelu(), t => Functional.Gelu(t)),
            (new Gelu(GeluApproximation.Tanh), t => Functional.Gelu(t, GeluApproximation.Tanh)),
            (new Softmax(0), t => Functional.Softmax(t, 0)),
            (new LogSoftmax(), t => Functional.LogSoftmax(t)),
        ];
        foreach (var (module, f) in pairs)
        {
            Assert.Equal(f(x).ToDoubleArray(), module.Forward(x).ToDoubleArray());
            Assert.Empty(module.Parameters());
        }
        Assert.Equal("LeakyReLU(0.2)", new LeakyRelu(0.2).ToString());
        Assert.Equal("ShiftedReLU(shift=-1)", new ShiftedRelu().ToString());
    }

    [Fact]
    public void InvalidOptionsThrowNamingTheOption()
    {
        Assert.Equal("slope", Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyRelu(double.NaN)).ParamName);
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus(0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new Elu(double.PositiveInfinity)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.5)).ParamName);
        Assert.Equal("pieces", Assert.Throws<ArgumentOutOfRangeException>(() => new Maxout(3, 2, 0)).ParamName);
    }

    [Fact]
    public void ErfMatchesReferenceValues()
    {
        (double X, double Erf, double Erfc)[] cases =
        [
            (0.5, 0.5204998778130465, 0.4795001221869535),
            (1, 0.8427007929497149, 0.15729920705028513),
            (2, 0.9953222650189527, 0.004677734981047265),
            (3, 0.9999779095030014, 2.2090496998585438e-05),
            (5, 0.9999999999984626, 1.5374597944280351e-12),
        ];
        foreach (var (x, erf, erfc) in cases)
        {
            Assert.Equal(erf, SpecialFunctions.Erf(x), 1e-15);
            Assert.Equal(-erf, SpecialFunctions.Erf(-x), 1e-15);
            Assert.True(Math.Abs(SpecialFunctions.Erfc(x) / erfc - 1) < 1e-13, $"erfc({x}) = {SpecialFunctions.Erfc(x):R}");
            Assert.Equal(2 - erfc, SpecialFunctions.Erfc(-x), 1e-15);
        }
        Assert.Equal(0, SpecialFunctions.Erfc(40));
        Assert.Equal(0.5, SpecialFunctions.NormalCdf(0));
    }
}
