using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class LinearFusedTests
{
    private static (float[] Y, float[] Dx, float[] Dw, float[] Db) Run(Activation act, bool fused, int n, int inF, int outF)
    {
        var rng = new RandomGenerator(11);
        var x = Tensor.Randn([n, inF], rng).RequireGrad();
        var w = Tensor.Randn([outF, inF], rng).RequireGrad();
        var b = Tensor.Randn([outF], rng).RequireGrad();
        var g = Tensor.Randn([n, outF], rng);
        Tensor y;
        if (fused) y = Functional.Linear(x, w, b, act);
        else
        {
            var z = x.MatMul(w.T) + b;
            y = act switch { Activation.Relu => z.Relu(), Activation.Tanh => z.Tanh(), Activation.Sigmoid => z.Sigmoid(), _ => z };
        }
        (y * g).Sum().Backward();
        return (y.ToFloatArray(), x.Grad!.ToFloatArray(), w.Grad!.ToFloatArray(), b.Grad!.ToFloatArray());
    }

    [Theory]
    [InlineData(Activation.None)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    public void FusedForwardAndBackwardMatchTheComposedOps(Activation act)
    {
        foreach (var (n, inF, outF) in new[] { (1, 1, 1), (7, 13, 5), (64, 100, 33) })
        {
            var f = Run(act, true, n, inF, outF);
            var c = Run(act, false, n, inF, outF);
            AssertClose(c.Y, f.Y, 1e-4f);
            AssertClose(c.Dx, f.Dx, 1e-3f);
            AssertClose(c.Dw, f.Dw, 1e-3f);
            AssertClose(c.Db, f.Db, 1e-3f);
        }
    }

    [Fact]
    public void SequentialFusionGivesTheSameResultAsLayerByLayer()
    {
        var rng = new RandomGenerator(4);
        var model = new Sequential(new Linear(6, 8, rng: rng), new Tanh(), new Linear(8, 3, rng: rng), new Relu());
        var x = Tensor.Randn([5, 6], rng);
        var fused = model.Forward(x).ToFloatArray();
        var manual = x;
        foreach (var layer in model.Layers) manual = layer.Forward(manual);
        AssertClose(manual.ToFloatArray(), fused, 1e-5f);
    }

    [Fact]
    public void ActivationGradKernelMatchesScalarOverAllTailLengths()
    {
        var rng = new RandomGenerator(9);
        foreach (var act in new[] { Activation.None, Activation.Relu, Activation.Tanh, Activation.Sigmoid })
            foreach (int len in Enumerable.Range(0, 258).Append(Parallelism.ElementWiseThreshold * 3 + 5)) // the last is split across threads
            {
                var g = Enumerable.Range(0, len).Select(_ => (float)rng.NextGaussian()).ToArray();
                var y = Enumerable.Range(0, len).Select(_ => (float)rng.NextGaussian()).ToArray();
                var d = new float[len];
                ActivationGrad.Apply(act, g, y, d);
                for (int i = 0; i < len; i++) Assert.Equal(ActivationGrad.Scalar(act, g[i], y[i]), d[i]);
            }
    }

    private static void AssertClose(float[] expected, float[] actual, float tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
