using DeepSharp.Classic;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Classic;

public class PerceptronTests
{
    /// <summary>Two Gaussian clouds centred at (−2, −2) and (2, 2), std 0.5: separable with a wide margin.</summary>
    internal static (Tensor X, Tensor Y) TwoClouds(int perClass, ulong seed)
    {
        var rng = new RandomGenerator(seed);
        var x = new float[4 * perClass];
        var y = new int[2 * perClass];
        for (int i = 0; i < 2 * perClass; i++)
        {
            int c = i % 2;
            float centre = c == 0 ? -2f : 2f;
            x[2 * i] = centre + (float)rng.NextGaussian(0, 0.5);
            x[2 * i + 1] = centre + (float)rng.NextGaussian(0, 0.5);
            y[i] = c;
        }
        return (Tensor.FromArray(x, 2 * perClass, 2), Tensor.FromArray(y, 2 * perClass));
    }

    private static (Tensor X, Tensor Y) XorTable() =>
        (Tensor.FromArray(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2), Tensor.FromArray(new[] { 0, 1, 1, 0 }, 4));

    [Fact]
    public void StepRuleMatchesHandWorkedUpdates()
    {
        var p = new Perceptron(2, new PerceptronOptions { LearningRate = 0.5f });
        // w = (0, 0), b = 0. x = (1, 2), d = 0: net 0 -> y = step(0) = 1, so
        // w += 0.5 (0 - 1) (1, 2) = (-0.5, -1), b += 0.5 (0 - 1) = -0.5.
        Assert.True(p.Update([1f, 2f], 0));
        Assert.Equal(new[] { -0.5f, -1f }, p.Weights.ToArray());
        Assert.Equal(-0.5f, p.Bias);
        // x = (2, -1), d = 1: net = -1 + 1 - 0.5 = -0.5 -> y = 0, so
        // w += 0.5 (1 - 0) (2, -1) = (0.5, -1.5), b = -0.5 + 0.5 = 0.
        Assert.Equal(-0.5f, p.NetInput([2f, -1f]));
        Assert.True(p.Update([2f, -1f], 1));
        Assert.Equal(new[] { 0.5f, -1.5f }, p.Weights.ToArray());
        Assert.Equal(0f, p.Bias);
        // x = (1, 0), d = 1: net = 0.5 -> y = 1 = d: no change.
        Assert.False(p.Update([1f, 0f], 1));
        Assert.Equal(new[] { 0.5f, -1.5f }, p.Weights.ToArray());
        Assert.Equal(0f, p.Bias);
    }

    [Fact]
    public void SignRuleMatchesHandWorkedUpdate()
    {
        var p = new Perceptron(2, new PerceptronOptions { Activation = PerceptronActivation.Sign });
        p.SetWeights([0.25f, 0f], 0f);
        // x = (1, -1), class 0 so d = -1; net = 0.25 -> y = +1; w += 1 (-1 - 1) (1, -1) = (0.25 - 2, 2), b = -2.
        Assert.Equal(1f, p.Output([1f, -1f]));
        Assert.True(p.Update([1f, -1f], 0));
        Assert.Equal(new[] { -1.75f, 2f }, p.Weights.ToArray());
        Assert.Equal(-2f, p.Bias);
        Assert.Equal(-1f, p.Output([1f, -1f]));
        Assert.Equal(0, p.Predict([1f, -1f]));
    }

    [Theory]
    [InlineData(PerceptronActivation.Step, false)]
    [InlineData(PerceptronActivation.Sign, true)]
    public void ConvergesOnSeparableCloudsWithinBoundedEpochs(PerceptronActivation activation, bool shuffle)
    {
        var (x, y) = TwoClouds(100, seed: 11);
        var p = new Perceptron(2, new PerceptronOptions { Activation = activation, Shuffle = shuffle, Seed = 3, MaxEpochs = 100 });
        var result = p.Fit(x, y);
        Assert.True(result.Converged, result.ToString());
        Assert.InRange(result.Epochs, 1, 10);
        Assert.Equal(0, result.FinalMistakes);
        Assert.Equal(0, result.MistakesPerEpoch[^1]);
        Assert.True(result.MistakesPerEpoch[0] > 0);
        Assert.Equal(result.Epochs, result.MistakesPerEpoch.Count);
        Assert.Equal(y.ToArray<int>(), p.Predict(x).ToArray<int>());
    }

    [Fact]
    public void CannotLearnXorAndSaysSo()
    {
        var (x, y) = XorTable();
        var p = new Perceptron(2, new PerceptronOptions { MaxEpochs = 50 });
        var result = p.Fit(x, y);
        Assert.False(result.Converged);
        Assert.Equal(50, result.Epochs);
        Assert.All(result.MistakesPerEpoch, m => Assert.True(m > 0));
        // No line separates XOR, so some of the four points stay misclassified.
        Assert.InRange(result.FinalMistakes, 1, 4);
        Assert.Contains("did not converge", result.ToString());
    }

    [Fact]
    public void MulticlassUpdateMatchesHandWorkedStep()
    {
        var p = new MulticlassPerceptron(2, 3, new PerceptronOptions { LearningRate = 0.5f });
        // All scores 0: the tie goes to class 0. Sample (1, 2) of class 2 is a mistake:
        // w_2 += 0.5 (1, 2) = (0.5, 1), b_2 = 0.5; w_0 -= 0.5 (1, 2) = (-0.5, -1), b_0 = -0.5.
        Assert.Equal(0, p.Predict([1f, 2f]));
        Assert.True(p.Update([1f, 2f], 2));
        Assert.Equal(new[] { -0.5f, -1f, 0f, 0f, 0.5f, 1f }, p.Weights.ToArray<float>());
        Assert.Equal(new[] { -0.5f, 0f, 0.5f }, p.Biases.ToArray<float>());
        Assert.Equal(2, p.Predict([1f, 2f]));
        Assert.False(p.Update([1f, 2f], 2));
    }

    [Fact]
    public void MulticlassConvergesOnThreeClouds()
    {
        var rng = new RandomGenerator(5);
        int n = 150;
        var x = new float[2 * n];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = i % 3;
            double angle = 2 * Math.PI * c / 3;
            x[2 * i] = (float)(3 * Math.Cos(angle) + rng.NextGaussian(0, 0.4));
            x[2 * i + 1] = (float)(3 * Math.Sin(angle) + rng.NextGaussian(0, 0.4));
            y[i] = c;
        }
        var p = new MulticlassPerceptron(2, 3, new PerceptronOptions { MaxEpochs = 100 });
        var result = p.Fit(Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n));
        Assert.True(result.Converged, result.ToString());
        Assert.InRange(result.Epochs, 1, 20);
        Assert.Equal(y, p.Predict(Tensor.FromArray(x, n, 2)).ToArray<int>());
    }

    [Fact]
    public void OptionsAndInputsAreValidated()
    {
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new PerceptronOptions { LearningRate = 0 }).ParamName);
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new PerceptronOptions { LearningRate = float.NaN }).ParamName);
        Assert.Equal("MaxEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => new PerceptronOptions { MaxEpochs = 0 }).ParamName);
        Assert.Equal("Activation", Assert.Throws<ArgumentOutOfRangeException>(() => new PerceptronOptions { Activation = (PerceptronActivation)7 }).ParamName);
        var p = new Perceptron(2);
        var ex = Assert.Throws<ArgumentException>(() => p.Fit(Tensor.Zeros(4, 3), Tensor.FromArray(new[] { 0, 1, 0, 1 })));
        Assert.Contains("expected (N, 2), got (4, 3)", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Fit(Tensor.Zeros(2, 2), Tensor.FromArray(new[] { 0, 2 })));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Update([1f, 1f], -1));
        Assert.Throws<ArgumentException>(() => p.Update([1f], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MulticlassPerceptron(2, 1));
    }
}
