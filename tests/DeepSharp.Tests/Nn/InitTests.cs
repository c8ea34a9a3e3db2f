using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class InitTests
{
    // A large Linear-shaped weight: fan-in 400, fan-out 500, 200,000 samples.
    private const int Out = 500, In = 400;

    private static (double Mean, double Var) Moments(Tensor t)
    {
        var v = t.ToDoubleArray();
        double mean = v.Average();
        return (mean, v.Sum(x => (x - mean) * (x - mean)) / v.Length);
    }

    private static void AssertMoments(Tensor t, double mean, double variance)
    {
        var (m, v) = Moments(t);
        double n = t.Numel;
        Assert.True(Math.Abs(m - mean) < 5 * Math.Sqrt(variance / n), $"mean {m}, expected {mean}");
        Assert.True(Math.Abs(v / variance - 1) < 0.02, $"variance {v}, expected {variance}");
    }

    public static TheoryData<string, double> Schemes => new()
    {
        { "LeCunUniform", 1.0 / In },
        { "LeCunNormal", 1.0 / In },
        { "GlorotUniform", 2.0 / (In + Out) },
        { "GlorotNormal", 2.0 / (In + Out) },
        { "XavierUniform(gain 2)", 4 * 2.0 / (In + Out) },
        { "HeUniform", 2.0 / In },
        { "HeNormal", 2.0 / In },
        { "KaimingNormal(fan-out)", 2.0 / Out },
        { "HeUniform(a=√5)", 1.0 / (3 * In) },
        { "HeNormal(a=0.5)", 2.0 / (1.25 * In) },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void SampleVarianceMatchesTheFormula(string scheme, double variance)
    {
        var w = Tensor.Zeros(Out, In);
        var rng = new RandomGenerator(42);
        var result = scheme switch
        {
            "LeCunUniform" => Init.LeCunUniform(w, rng),
            "LeCunNormal" => Init.LeCunNormal(w, rng),
            "GlorotUniform" => Init.GlorotUniform(w, rng: rng),
            "GlorotNormal" => Init.GlorotNormal(w, rng: rng),
            "XavierUniform(gain 2)" => Init.XavierUniform(w, 2, rng),
            "HeUniform" => Init.HeUniform(w, rng: rng),
            "HeNormal" => Init.HeNormal(w, rng: rng),
            "KaimingNormal(fan-out)" => Init.KaimingNormal(w, mode: FanMode.FanOut, rng: rng),
            "HeUniform(a=√5)" => Init.HeUniform(w, Math.Sqrt(5), rng: rng),
            "HeNormal(a=0.5)" => Init.HeNormal(w, 0.5, rng: rng),
            _ => throw new ArgumentException(scheme),
        };
        Assert.Same(w, result);
        AssertMoments(w, 0, variance);
    }

    [Fact]
    public void UniformBoundsAndPlainSchemes()
    {
        var w = Init.GlorotUniform(Tensor.Zeros(Out, In), rng: new RandomGenerator(1));
        double bound = Math.Sqrt(6.0 / (In + Out));
        Assert.All(w.ToDoubleArray(), v => Assert.InRange(Math.Abs(v), 0, bound));
        Assert.True(w.Abs().Max().Item() > 0.99 * bound);

        AssertMoments(Init.Normal(Tensor.Zeros(Out, In), 2, 3, new RandomGenerator(2)), 2, 9);
        AssertMoments(Init.Uniform(Tensor.Zeros(Out, In), -1, 3, new RandomGenerator(3)), 1, 16.0 / 12);
        Assert.All(Init.Constant(Tensor.Zeros(3, 2), 0.25).ToDoubleArray(), v => Assert.Equal(0.25, v));
        Assert.All(Init.Zeros(Tensor.Ones(3, 2)).ToDoubleArray(), v => Assert.Equal(0, v));
        var d = Init.HeNormal(Tensor.Zeros([4, 3], DType.Float64), rng: new RandomGenerator(4));
        Assert.Equal(DType.Float64, d.DType);
    }

    [Fact]
    public void PyTorchDefaultDrawsWeightAndBiasWithinOneOverRootFanIn()
    {
        // A conv weight (8, 3, 5, 5): fan-in 75, bound 1/√75 for both (PyTorch's Conv2d / Linear default).
        var w = Tensor.Zeros(8, 3, 5, 5);
        var b = Tensor.Zeros(8);
        Init.PyTorchDefault(w, b, new RandomGenerator(4));
        double bound = 1 / Math.Sqrt(75);
        Assert.All(w.ToArray<float>(), v => Assert.InRange(v, -bound, bound));
        Assert.All(b.ToArray<float>(), v => Assert.InRange(v, -bound, bound));
        Assert.True(w.ToArray<float>().Max() > 0.8 * bound && b.ToArray<float>().Any(v => v != 0));
        // Same generator, same draws as a Linear layer's own initialization.
        var linear = new Linear(75, 8, rng: new RandomGenerator(5));
        var (w2, b2) = (Tensor.Zeros(8, 75), Tensor.Zeros(8));
        Init.PyTorchDefault(w2, b2, new RandomGenerator(5));
        Assert.Equal(linear.Weight.ToArray<float>(), w2.ToArray<float>());
        Assert.Equal(linear.Bias!.ToArray<float>(), b2.ToArray<float>());
        Init.PyTorchDefault(Tensor.Zeros(2, 2), null, new RandomGenerator(1)); // no bias: weight only
    }

    [Fact]
    public void SameSeedSameWeights()
    {
        var a = Init.HeNormal(Tensor.Zeros(5, 4), rng: new RandomGenerator(9));
        var b = Init.HeNormal(Tensor.Zeros(5, 4), rng: new RandomGenerator(9));
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
    }

    [Fact]
    public void FansOfLinearAndConvolutionShapes()
    {
        Assert.Equal((784, 128), Init.CalculateFan([128, 784]));
        Assert.Equal((3 * 5 * 5, 64 * 5 * 5), Init.CalculateFan([64, 3, 5, 5]));
        Assert.Equal((2 * 3, 4 * 3), Init.CalculateFan([4, 2, 3]));
        var ex = Assert.Throws<ArgumentException>(() => Init.CalculateFan([10]));
        Assert.Contains("(10,)", ex.Message);
        // a conv weight (out 16, in 8, 3x3): He normal variance 2 / (8·9)
        AssertMoments(Init.HeNormal(Tensor.Zeros(256, 8, 3, 3), rng: new RandomGenerator(5)), 0, 2.0 / 72);
    }

    [Fact]
    public void InvalidArgumentsThrowNamingTheOption()
    {
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => Init.Normal(Tensor.Zeros(2, 2), 0, -1)).ParamName);
        Assert.Equal("gain", Assert.Throws<ArgumentOutOfRangeException>(() => Init.GlorotNormal(Tensor.Zeros(2, 2), -1)).ParamName);
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => Init.Uniform(Tensor.Zeros(2, 2), 1, 0)).ParamName);
    }
}
