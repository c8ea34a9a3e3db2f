using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Backends.Reference;

/// <summary>Seeded training runs on the reference device reproduce the CPU backend's losses step
/// by step (the same seeds draw the same initial weights on both host backends), and learn.</summary>
public sealed class ReferenceTrainingTests
{
    /// <summary>Per-step loss agreement: Float32 kernels against double-precision loops, compounded over the run.</summary>
    private const double Tolerance = 1e-4;

    /// <summary>Three Gaussian blobs in the plane, 60 points (host values, the same for both runs).</summary>
    private static (float[] X, int[] Y) Blobs()
    {
        var rng = new RandomGenerator(11);
        float[] centers = [-2, 0, 2, 0, 0, 2];
        var x = new float[60 * 2];
        var y = new int[60];
        for (int i = 0; i < 60; i++)
        {
            y[i] = i % 3;
            x[2 * i] = centers[2 * y[i]] + (float)rng.NextGaussian(0, 0.7);
            x[2 * i + 1] = centers[2 * y[i] + 1] + (float)rng.NextGaussian(0, 0.7);
        }
        return (x, y);
    }

    private static List<double> TrainMlp(Device device)
    {
        using var _ = device.UseAsDefault();
        var (xs, ys) = Blobs();
        var x = Tensor.FromArray(xs, 60, 2);
        var y = Tensor.FromArray(ys);
        var rng = new RandomGenerator(5);
        var model = new Sequential(new Linear(2, 16, rng: rng), new Tanh(), new Linear(16, 16, rng: rng), new Relu(), new Linear(16, 3, rng: rng));
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(0.1, momentum: 0.9, weightDecay: 1e-4));
        var loss = new CrossEntropy(labelSmoothing: 0.05);
        var losses = new List<double>();
        for (int step = 0; step < 40; step++)
        {
            optimizer.ZeroGrad();
            var l = loss.Compute(model.Forward(x), y);
            Assert.Equal(device, l.Device);
            l.Backward();
            optimizer.Step();
            losses.Add(l.Item());
        }
        return losses;
    }

    [Fact]
    public void MlpOnBlobsGivesTheCpuLosses()
    {
        var cpu = TrainMlp(Device.Cpu);
        var reference = TrainMlp(Device.Reference);
        AssertSameCurve(cpu, reference);
        Assert.True(reference[^1] < 0.5 * reference[0], $"the MLP did not learn: {reference[0]} -> {reference[^1]}");
    }

    /// <summary>8x8 images, label 1 when the upper half is brighter than the lower half.</summary>
    private static (float[] X, int[] Y) HalfImages(int count)
    {
        var rng = new RandomGenerator(21);
        var x = new float[count * 64];
        var y = new int[count];
        for (int i = 0; i < count; i++)
        {
            y[i] = i % 2;
            for (int p = 0; p < 64; p++)
            {
                bool upper = p < 32;
                x[i * 64 + p] = (float)rng.NextDouble() + (upper == (y[i] == 1) ? 0.5f : 0f);
            }
        }
        return (x, y);
    }

    private static List<double> TrainConvNet(Device device)
    {
        using var _ = device.UseAsDefault();
        var (xs, ys) = HalfImages(48);
        var data = new TensorDataset(Tensor.FromArray(xs, 48, 1, 8, 8), Tensor.FromArray(ys));
        var loader = new DataLoader(data, batchSize: 16, shuffle: true, seed: 3);
        var rng = new RandomGenerator(9);
        var model = new Sequential(
            new Conv2d(1, 4, 3, padding: 1, rng: rng), new Relu(), new MaxPool2d(2),
            new Conv2d(4, 6, 3, rng: rng), new Tanh(), new AvgPool2d(2),
            new Flatten(), new Linear(6, 2, rng: rng));
        var optimizer = new Adam(model.Parameters(), new AdamOptions { LearningRate = 0.02 });
        var history = Trainer.Fit(model, new CrossEntropy(), optimizer, loader, new FitOptions { Epochs = 6 });
        return history.Epochs.Select(e => e.TrainLoss).ToList();
    }

    [Fact]
    public void ConvNetThroughTrainerFitGivesTheCpuLosses()
    {
        var cpu = TrainConvNet(Device.Cpu);
        var reference = TrainConvNet(Device.Reference);
        AssertSameCurve(cpu, reference);
        Assert.True(reference[^1] < 0.8 * reference[0], $"the conv net did not learn: {string.Join(", ", reference)}");
    }

    private static void AssertSameCurve(List<double> cpu, List<double> reference)
    {
        Assert.Equal(cpu.Count, reference.Count);
        for (int i = 0; i < cpu.Count; i++)
            Assert.True(Math.Abs(cpu[i] - reference[i]) <= Tolerance * Math.Max(1, Math.Abs(cpu[i])),
                $"step {i}: cpu loss {cpu[i]:R}, reference {reference[i]:R}; cpu [{string.Join(", ", cpu.Take(8))}], reference [{string.Join(", ", reference.Take(8))}]");
    }
}
