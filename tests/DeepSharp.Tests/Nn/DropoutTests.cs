using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class DropoutTests
{
    [Fact]
    public void EvaluationModeIsTheIdentity()
    {
        var layer = new Dropout(0.5, new RandomGenerator(1));
        layer.Eval();
        var x = Tensor.Ones(10, 10);
        Assert.Same(x, layer.Forward(x));
    }

    [Fact]
    public void TrainingDropsAboutPAndScalesSurvivors()
    {
        const double p = 0.3;
        var layer = new Dropout(p, new RandomGenerator(2));
        var x = Tensor.Ones(200, 500).RequireGrad();
        var y = layer.Forward(x);
        var v = y.ToArray<float>();
        double zeros = v.Count(a => a == 0) / (double)v.Length;
        Assert.InRange(zeros, p - 0.01, p + 0.01);
        Assert.All(v, a => Assert.True(a == 0 || Math.Abs(a - 1 / (1 - p)) < 1e-6, $"unexpected value {a}"));
        Assert.InRange(v.Average(), 0.98, 1.02);
        y.Sum().Backward();
        Assert.Equal(v, x.Grad!.ToArray<float>()); // the gradient is the scaled mask
    }

    [Fact]
    public void EdgeProbabilitiesAndSeeds()
    {
        var x = Tensor.Ones(4, 4);
        Assert.Same(x, Functional.Dropout(x, 0, training: true));
        Assert.All(Functional.Dropout(x, 1, training: true).ToArray<float>(), v => Assert.Equal(0f, v));
        var a = Functional.Dropout(x, 0.5, true, new RandomGenerator(3)).ToArray<float>();
        var b = Functional.Dropout(x, 0.5, true, new RandomGenerator(3)).ToArray<float>();
        Assert.Equal(a, b);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Dropout(x, -0.1, true)).ParamName);
    }
}
