using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

/// <summary>Small end-to-end runs with a hand-written gradient-descent loop.</summary>
public class TrainingTests
{
    private static Tensor XorInputs => Tensor.FromArray(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2);
    private static Tensor XorTargets => Tensor.FromArray(new float[] { 0, 1, 1, 0 }, 4, 1);

    /// <summary>Plain full-batch gradient descent: w ← w - lr · ∂loss/∂w.</summary>
    private static void Train(Module model, ILoss loss, Tensor x, Tensor y, int steps, float lr)
    {
        for (int step = 0; step < steps; step++)
        {
            model.ZeroGrad();
            loss.Compute(model.Forward(x), y).Backward();
            foreach (var p in model.Parameters())
            {
                var w = p.AsSpan<float>();
                var g = p.Grad!.Contiguous().AsSpan<float>();
                for (int i = 0; i < w.Length; i++) w[i] -= lr * g[i];
            }
        }
    }

    private static double XorAccuracy(Module model)
    {
        var p = model.Forward(XorInputs).ToArray<float>();
        var t = XorTargets.ToArray<float>();
        return p.Zip(t).Count(a => (a.First > 0.5f ? 1f : 0f) == a.Second) / 4.0;
    }

    [Fact]
    public void TwoTwoOneSigmoidNetworkLearnsXor()
    {
        var rng = new RandomGenerator(1);
        var model = new Sequential(new Linear(2, 2, rng: rng), new Sigmoid(), new Linear(2, 1, rng: rng), new Sigmoid());
        Train(model, new MseLoss(), XorInputs, XorTargets, steps: 3000, lr: 2f);
        Assert.Equal(1.0, XorAccuracy(model));
    }

    [Fact]
    public void SingleLinearLayerCannotLearnXor()
    {
        var model = new Sequential(new Linear(2, 1, rng: new RandomGenerator(1)), new Sigmoid());
        Train(model, new MseLoss(), XorInputs, XorTargets, steps: 3000, lr: 2f);
        Assert.True(XorAccuracy(model) <= 0.75);
    }

    [Fact]
    public void ZeroInitializationNeverBreaksSymmetry()
    {
        var model = new Sequential(new Linear(2, 3), new Sigmoid(), new Linear(3, 1), new Sigmoid());
        foreach (var p in model.Parameters()) Init.Zeros(p);
        // OR targets: with XOR's the zero network sits exactly on a saddle and nothing moves at all
        var orTargets = Tensor.FromArray(new float[] { 0, 1, 1, 1 }, 4, 1);
        Train(model, new MseLoss(), XorInputs, orTargets, steps: 50, lr: 2f);
        var w1 = ((Linear)model[0]).Weight.ToArray<float>(); // rows = hidden units
        var b1 = ((Linear)model[0]).Bias!.ToArray<float>();
        var w2 = ((Linear)model[2]).Weight.ToArray<float>();
        Assert.NotEqual(0f, w2[0]); // training did move the weights...
        for (int unit = 1; unit < 3; unit++)
        {
            // ...but every hidden unit stayed a copy of the first
            Assert.Equal(w1[0], w1[2 * unit]);
            Assert.Equal(w1[1], w1[2 * unit + 1]);
            Assert.Equal(b1[0], b1[unit]);
            Assert.Equal(w2[0], w2[unit]);
        }
    }

    [Fact]
    public void RandomInitializationBreaksSymmetry()
    {
        var model = new Sequential(new Linear(2, 3, rng: new RandomGenerator(2)), new Sigmoid(), new Linear(3, 1, rng: new RandomGenerator(3)), new Sigmoid());
        Train(model, new MseLoss(), XorInputs, XorTargets, steps: 50, lr: 2f);
        var w2 = ((Linear)model[2]).Weight.ToArray<float>();
        Assert.Equal(3, w2.Distinct().Count());
    }

    [Fact]
    public void CrossEntropyTrainingSeparatesGaussianBlobs()
    {
        // three well-separated clusters in 2-D, 30 points each
        var rng = new RandomGenerator(4);
        float[] centers = [-3, 0, 3, 0, 0, 3];
        var xs = new float[90 * 2];
        var ys = new int[90];
        for (int i = 0; i < 90; i++)
        {
            ys[i] = i % 3;
            xs[2 * i] = centers[2 * ys[i]] + (float)rng.NextGaussian(0, 0.5);
            xs[2 * i + 1] = centers[2 * ys[i] + 1] + (float)rng.NextGaussian(0, 0.5);
        }
        var x = Tensor.FromArray(xs, 90, 2);
        var y = Tensor.FromArray(ys);
        var model = new Sequential(new Linear(2, 8, rng: rng), new Tanh(), new Linear(8, 3, rng: rng));
        Train(model, new CrossEntropy(), x, y, steps: 200, lr: 0.5f);
        var predicted = model.Forward(x).ArgMax(1).ToArray<int>();
        Assert.True(predicted.Zip(ys).Count(a => a.First == a.Second) >= 88);
    }
}
