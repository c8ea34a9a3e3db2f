using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Optim;

/// <summary>First steps of each optimizer on one scalar parameter, worked out by hand in the comments.</summary>
public class OptimizerHandWorkedTests
{
    private const float Tol = 1e-6f;

    /// <summary>Runs steps with the given gradient sequence and returns p after each step.</summary>
    private static float[] Run(Func<Tensor, Optimizer> create, float p0, params float[] grads)
    {
        var p = Tensor.FromArray(new[] { p0 }).RequireGrad();
        var optimizer = create(p);
        var trace = new float[grads.Length];
        for (int t = 0; t < grads.Length; t++)
        {
            p.Grad = Tensor.FromArray(new[] { grads[t] });
            optimizer.Step();
            trace[t] = p.Item<float>();
        }
        return trace;
    }

    private static void Near(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tol, $"step {i + 1}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void PlainSgd()
    {
        // p = 1 - 0.1 * 2 = 0.8;  then 0.8 - 0.1 * (-1) = 0.9
        Near([0.8f, 0.9f], Run(p => new Sgd([p], new SgdOptions(0.1)), 1, 2, -1));
    }

    [Fact]
    public void SgdMomentum()
    {
        // g = 1 each step, μ = 0.9, η = 0.1. b1 = g = 1 (PyTorch starts the buffer at g): p = 1 - 0.1 = 0.9
        // b2 = 0.9 * 1 + 1 = 1.9: p = 0.9 - 0.19 = 0.71;  b3 = 0.9 * 1.9 + 1 = 2.71: p = 0.71 - 0.271 = 0.439
        Near([0.9f, 0.71f, 0.439f], Run(p => new Sgd([p], new SgdOptions(0.1, momentum: 0.9)), 1, 1, 1, 1));
    }

    [Fact]
    public void SgdMomentumWithDampening()
    {
        // τ = 0.5: b1 = g = 1 (no dampening on the first step): p = 0.9
        // b2 = 0.9 * 1 + 0.5 * 1 = 1.4: p = 0.9 - 0.14 = 0.76
        Near([0.9f, 0.76f], Run(p => new Sgd([p], new SgdOptions(0.1, momentum: 0.9, dampening: 0.5)), 1, 1, 1));
    }

    [Fact]
    public void SgdNesterov()
    {
        // b1 = 1, d = g + μ b = 1.9: p = 1 - 0.19 = 0.81
        // b2 = 0.9 + 1 = 1.9, d = 1 + 0.9 * 1.9 = 2.71: p = 0.81 - 0.271 = 0.539
        Near([0.81f, 0.539f], Run(p => new Sgd([p], new SgdOptions(0.1, momentum: 0.9, nesterov: true)), 1, 1, 1));
    }

    [Fact]
    public void SgdWeightDecay()
    {
        // g = 0, λ = 0.5, p = 2: d = 0 + 0.5 * 2 = 1: p = 2 - 0.1 = 1.9;  d = 0.95: p = 1.9 - 0.095 = 1.805
        Near([1.9f, 1.805f], Run(p => new Sgd([p], new SgdOptions(0.1, weightDecay: 0.5)), 2, 0, 0));
    }

    [Fact]
    public void AdamBiasCorrection()
    {
        // Step 1, g = 1: m = 0.1, v = 0.001; m̂ = 0.1 / (1 - 0.9) = 1, v̂ = 0.001 / (1 - 0.999) = 1:
        //   p = 1 - 0.1 * 1 / (1 + 1e-8) = 0.9 (without the correction the step would be 0.1 * 0.1 / 0.0316 = 0.316).
        // Step 2, g = -1: m = 0.09 - 0.1 = -0.01, v = 0.000999 + 0.001 = 0.001999;
        //   m̂ = -0.01 / (1 - 0.81) = -0.0526316, v̂ = 0.001999 / (1 - 0.998001) = 1: p = 0.9 + 0.00526316 = 0.90526316
        Near([0.9f, 0.90526316f], Run(p => new Adam([p], new AdamOptions(0.1)), 1, 1, -1));
    }

    [Fact]
    public void AdamFirstStepIsLearningRateTimesSign()
    {
        // With bias correction, m̂ / √v̂ = g / |g| on the first step whatever the gradient's size.
        Near([4.9f], Run(p => new Adam([p], new AdamOptions(0.1)), 5, 1234));
        Near([5.1f], Run(p => new Adam([p], new AdamOptions(0.1)), 5, -0.001f));
    }

    [Fact]
    public void AdamWDecouplesWeightDecay()
    {
        // g = 0, λ = 0.5, η = 0.1, p = 4.
        // AdamW: p = 4 (1 - 0.05) = 3.8, then 3.61 (the Adam part sees g = 0: m = v = 0, no step).
        Near([3.8f, 3.61f], Run(p => new AdamW([p], new AdamOptions(0.1, weightDecay: 0.5)), 4, 0, 0));
        // Adam: the decay enters the gradient, g' = 0.5 * 4 = 2, and the normalized first step is η: p = 3.9.
        Near([3.9f], Run(p => new Adam([p], new AdamOptions(0.1, weightDecay: 0.5)), 4, 0));
    }

    [Fact]
    public void RmsProp()
    {
        // g = 2, α = 0.99, η = 0.01: s = 0.01 * 4 = 0.04, √s = 0.2: p = 1 - 0.01 * 2 / 0.2 = 0.9
        // s = 0.99 * 0.04 + 0.04 = 0.0796, √s = 0.28213472: p = 0.9 - 0.02 / 0.28213472 = 0.82911187
        Near([0.9f, 0.82911187f], Run(p => new RmsProp([p], new RmsPropOptions(0.01)), 1, 2, 2));
    }

    [Fact]
    public void RmsPropMomentum()
    {
        // μ = 0.5: b1 = 0 + 2 / 0.2 = 10: p = 1 - 0.1 = 0.9;  b2 = 5 + 2 / 0.28213472 = 12.0887585: p = 0.9 - 0.120887585 = 0.77911241
        Near([0.9f, 0.77911241f], Run(p => new RmsProp([p], new RmsPropOptions(0.01, momentum: 0.5)), 1, 2, 2));
    }

    [Fact]
    public void AdaGrad()
    {
        // g = 2, η = 0.1: s = 4: p = 1 - 0.1 * 2 / 2 = 0.9;  s = 8: p = 0.9 - 0.2 / 2.8284271 = 0.82928932
        Near([0.9f, 0.82928932f], Run(p => new AdaGrad([p], new AdaGradOptions(0.1)), 1, 2, 2));
        // κ = 1: the second step uses η / (1 + 1) = 0.05: p = 0.9 - 0.1 / 2.8284271 = 0.86464466
        Near([0.9f, 0.86464466f], Run(p => new AdaGrad([p], new AdaGradOptions(0.1, learningRateDecay: 1)), 1, 2, 2));
    }
}
