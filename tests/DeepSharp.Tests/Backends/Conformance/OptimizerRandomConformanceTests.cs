using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Backends.Conformance;

/// <summary>CPU and reference backends agree on the optimizer updates over several steps (the CPU
/// kernels are Float32, vectorized with a scalar tail: 37 elements exercise both) and draw the
/// same random numbers from the same seed.</summary>
public sealed class OptimizerRandomConformanceTests
{
    private const int N = 37;
    private const int Steps = 4;
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(0f, 0f, 0f, false)]
    [InlineData(0.9f, 0f, 0f, false)]
    [InlineData(0.9f, 0.3f, 0.01f, false)]
    [InlineData(0.8f, 0f, 0.05f, true)]
    public void SgdStep_AgreesOverSteps(float momentum, float dampening, float weightDecay, bool nesterov)
    {
        var h = new ConformanceHarness(1);
        var p = h.Input(DType.Float32, [N], name: "param");
        var buffer = h.Output(DType.Float32, [N], name: "momentum buffer");
        var hp = new SgdHyperparameters(0.1f, momentum, dampening, weightDecay, nesterov);
        for (int step = 1; step <= Steps; step++)
        {
            var g = h.Input(DType.Float32, [N], name: $"grad {step}");
            bool first = step == 1;
            h.Run(b => b.SgdStep(p.On(b), g.On(b), momentum != 0 ? buffer.On(b) : null, hp, first));
            h.AssertAgree(Tolerance);
        }
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.01, false)]
    [InlineData(0.1, true)]
    public void AdamStep_AgreesOverSteps(double weightDecay, bool decoupled)
    {
        var h = new ConformanceHarness(2);
        var p = h.Input(DType.Float32, [N], name: "param");
        var m = h.Values(DType.Float32, [N], new double[N], "exp_avg");
        var v = h.Values(DType.Float32, [N], new double[N], "exp_avg_sq");
        var hp = new AdamHyperparameters(0.01, 0.9, 0.999, 1e-8, weightDecay, decoupled);
        for (int step = 1; step <= Steps; step++)
        {
            var g = h.Input(DType.Float32, [N], name: $"grad {step}");
            int t = step;
            h.Run(b => b.AdamStep(p.On(b), g.On(b), m.On(b), v.On(b), hp, t));
            h.AssertAgree(Tolerance);
        }
    }

    [Theory]
    [InlineData(false, 0f, 0f)]
    [InlineData(true, 0f, 0.01f)]
    [InlineData(false, 0.9f, 0f)]
    [InlineData(true, 0.5f, 0.1f)]
    public void RmsPropStep_AgreesOverSteps(bool centered, float momentum, float weightDecay)
    {
        var h = new ConformanceHarness(3);
        var p = h.Input(DType.Float32, [N], name: "param");
        var square = h.Values(DType.Float32, [N], new double[N], "square_avg");
        var average = h.Values(DType.Float32, [N], new double[N], "grad_avg");
        var buffer = h.Values(DType.Float32, [N], new double[N], "momentum buffer");
        var hp = new RmsPropHyperparameters(0.01f, 0.99f, 1e-8f, weightDecay, momentum, centered);
        for (int step = 1; step <= Steps; step++)
        {
            var g = h.Input(DType.Float32, [N], name: $"grad {step}");
            h.Run(b => b.RmsPropStep(p.On(b), g.On(b), square.On(b), centered ? average.On(b) : null,
                momentum > 0 ? buffer.On(b) : null, hp));
            h.AssertAgree(Tolerance);
        }
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.01, 0.1)]
    public void AdaGradStep_AgreesOverSteps(double learningRateDecay, double weightDecay)
    {
        var h = new ConformanceHarness(4);
        var p = h.Input(DType.Float32, [N], name: "param");
        var sum = h.Values(DType.Float32, [N], Enumerable.Repeat(0.1, N).ToArray(), "sum");
        var hp = new AdaGradHyperparameters(0.1, learningRateDecay, 1e-10, weightDecay);
        for (int step = 1; step <= Steps; step++)
        {
            var g = h.Input(DType.Float32, [N], name: $"grad {step}");
            int t = step;
            h.Run(b => b.AdaGradStep(p.On(b), g.On(b), sum.On(b), hp, t));
            h.AssertAgree(Tolerance);
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    public void Uniform_Normal_BernoulliMask_DrawTheSameNumbers(DType dtype)
    {
        var h = new ConformanceHarness(5);
        var uniform = h.Output(dtype, [3, 11]);
        var normal = h.Output(dtype, [257]);
        var mask = h.Output(dtype == DType.Int32 ? DType.Float32 : dtype, [5, 7]);
        h.Run(b =>
        {
            var rng = new RandomGenerator(42); // a fresh stream for each backend
            b.Uniform(uniform.On(b), -3, 5, rng);
            b.Normal(normal.On(b), 1, 4, rng);
            b.BernoulliMask(mask.On(b), 0.3, 1 / 0.7, rng);
        });
        h.AssertAgree(0);
    }
}
