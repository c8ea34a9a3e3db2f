using System.Diagnostics;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using Xunit.Abstractions;

namespace DeepSharp.Tests.Nn;

/// <summary>
/// Seeded end-to-end runs: a sequence of ±1 values is classified by the sign of its sum, which the
/// network must accumulate over all steps (the answer is not visible in any single input). The
/// figures in docs/recurrent.md come from these runs.
/// </summary>
public sealed class RecurrentTrainingTests(ITestOutputHelper output)
{
    private const int Steps = 15, Hidden = 8, Epochs = 12, BatchSize = 32;

    /// <summary>(n, seq, 1) of ±1 and labels 1 when the sum is positive (seq is odd: never a tie).</summary>
    private static (Tensor X, Tensor Labels) SignOfSum(int n, RandomGenerator rng)
    {
        var x = new float[n * Steps];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int sum = 0;
            for (int t = 0; t < Steps; t++)
            {
                int v = rng.NextDouble() < 0.5 ? -1 : 1;
                x[i * Steps + t] = v;
                sum += v;
            }
            labels[i] = sum > 0 ? 1 : 0;
        }
        return (Tensor.FromArray(x, n, Steps, 1), Tensor.FromArray(labels, n));
    }

    private static double Accuracy(Module model, Tensor x, Tensor labels)
    {
        model.Eval();
        var predicted = model.Forward(x).ArgMax(1).ToArray<int>();
        model.Train();
        return predicted.Zip(labels.ToArray<int>()).Count(p => p.First == p.Second) / (double)predicted.Length;
    }

    [Theory]
    [InlineData("Lstm", 0.97)]
    [InlineData("Gru", 0.97)]
    [InlineData("Rnn", 0.9)]
    public void LearnsTheSignOfASum(string kind, double required)
    {
        var rng = new RandomGenerator(7);
        var (trainX, trainY) = SignOfSum(512, rng);
        var (testX, testY) = SignOfSum(512, rng);
        Module recurrent = kind switch
        {
            "Lstm" => new Lstm(1, Hidden, batchFirst: true, rng: rng),
            "Gru" => new Gru(1, Hidden, batchFirst: true, rng: rng),
            _ => new Rnn(1, Hidden, batchFirst: true, rng: rng),
        };
        var model = new Sequential(recurrent, new LastTimeStep(batchFirst: true), new Linear(Hidden, 2, rng: rng));
        var optimizer = new Adam(model.Parameters(), new AdamOptions(0.02));
        var loss = new CrossEntropy();
        double before = Accuracy(model, testX, testY);

        var clock = Stopwatch.StartNew();
        int n = trainY.Numel;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            var order = rng.Permutation(n);
            for (int start = 0; start < n; start += BatchSize)
            {
                var index = Tensor.FromArray(order[start..Math.Min(n, start + BatchSize)], Math.Min(BatchSize, n - start));
                optimizer.ZeroGrad();
                loss.Compute(model.Forward(trainX.IndexSelect(0, index)), trainY.IndexSelect(0, index)).Backward();
                optimizer.Step();
            }
        }
        clock.Stop();
        double after = Accuracy(model, testX, testY);
        output.WriteLine($"{kind}: test accuracy {before:F3} -> {after:F3} after {Epochs} epochs of {n} sequences of {Steps} steps, {clock.Elapsed.TotalSeconds:F2} s");
        Assert.True(after >= required, $"{kind} reached {after:F3}, needs {required}");
    }

    /// <summary>Many-to-many regression: sine waves of random frequency and phase, the target at every step
    /// is the next value. The frequency must be inferred from the past, so a one-step linear map cannot do it.</summary>
    [Fact]
    public void LstmPredictsTheNextValueOfASineWave()
    {
        const int n = 256, length = 20;
        var rng = new RandomGenerator(3);
        var x = new float[2 * n * length]; // the first n waves train, the other n test
        var y = new float[2 * n * length];
        for (int i = 0; i < 2 * n; i++)
        {
            double frequency = rng.NextDouble(0.2, 0.6), phase = rng.NextDouble(0, 2 * Math.PI);
            for (int t = 0; t < length; t++)
            {
                x[i * length + t] = (float)Math.Sin(frequency * t + phase);
                y[i * length + t] = (float)Math.Sin(frequency * (t + 1) + phase);
            }
        }
        var all = Tensor.FromArray(x, 2 * n, length, 1);
        var allTargets = Tensor.FromArray(y, 2 * n, length, 1);
        var (inputs, targets) = (all.Narrow(0, 0, n).Contiguous(), allTargets.Narrow(0, 0, n).Contiguous());
        var (testInputs, testTargets) = (all.Narrow(0, n, n).Contiguous(), allTargets.Narrow(0, n, n).Contiguous());
        var model = new Sequential(new Lstm(1, 16, batchFirst: true, rng: rng), new Linear(16, 1, rng: rng));
        var optimizer = new Adam(model.Parameters(), new AdamOptions(0.02));
        // Scored from step 5 on: the first steps cannot tell the frequency yet.
        const int warmUp = 5;
        double Mse() => Functional.MseLoss(model.Forward(testInputs).Narrow(1, warmUp, length - warmUp), testTargets.Narrow(1, warmUp, length - warmUp)).Item();
        double repeatLast = Functional.MseLoss(testInputs.Narrow(1, warmUp, length - warmUp), testTargets.Narrow(1, warmUp, length - warmUp)).Item();
        double before = Mse();
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < 15; epoch++)
        {
            var order = rng.Permutation(n);
            for (int start = 0; start < n; start += BatchSize)
            {
                var index = Tensor.FromArray(order[start..(start + BatchSize)], BatchSize);
                optimizer.ZeroGrad();
                Functional.MseLoss(model.Forward(inputs.IndexSelect(0, index)), targets.IndexSelect(0, index)).Backward();
                optimizer.Step();
            }
        }
        clock.Stop();
        double after = Mse();
        output.WriteLine($"Lstm sine: test MSE from step {warmUp} {before:F4} -> {after:F5} (repeating the last value: {repeatLast:F4}) " +
            $"after 15 epochs of {n} waves of {length} steps, {clock.Elapsed.TotalSeconds:F2} s");
        Assert.True(after < 0.003 && after < repeatLast / 10, $"MSE {after:F5}, needs < 0.003 and < a tenth of {repeatLast:F4}");
    }
}
