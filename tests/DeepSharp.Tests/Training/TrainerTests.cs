using DeepSharp.Data;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Training;

public class TrainerTests
{
    /// <summary>y = 2 x1 - 3 x2 + 0.5 without noise, x uniform in [-1, 1]².</summary>
    internal static TensorDataset LinearProblem(int n, ulong seed)
    {
        var x = Tensor.Uniform([n, 2], -1, 1, new RandomGenerator(seed));
        var v = x.ToArray<float>();
        var y = new float[n];
        for (int i = 0; i < n; i++) y[i] = 2 * v[2 * i] - 3 * v[2 * i + 1] + 0.5f;
        return new TensorDataset(x, Tensor.FromArray(y, n, 1));
    }

    internal static TensorDataset Clouds(ulong seed, int perClass = 50)
    {
        var (x, labels) = ToyData.GaussianClouds(perClass, 3, 0.5, new RandomGenerator(seed));
        return TensorDataset.FromArrays(x, 2, labels);
    }

    [Theory]
    [InlineData(64, 0.5, 150)]    // full batch: one step per epoch
    [InlineData(8, 0.1, 40)]      // mini-batch
    [InlineData(1, 0.02, 12)]     // stochastic: one sample per step
    public void TheThreeGradientDescentModesConverge(int batchSize, double learningRate, int epochs)
    {
        var data = LinearProblem(64, seed: 1);
        var model = new AffineModel(2, 1, new RandomGenerator(2));
        var loader = new DataLoader(data, batchSize, shuffle: true, seed: 3);
        var history = Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(learningRate)), loader,
            new FitOptions { Epochs = epochs });
        Assert.Equal(epochs, history.Count);
        Assert.Equal(StopReason.MaxEpochs, history.StopReason);
        var mse = Evaluator.Evaluate(model, new DataLoader(data, 64), TestLosses.Mse).Loss!.Value;
        Assert.True(mse < 1e-4, $"batch {batchSize}: MSE {mse}");
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss / 100);
        var w = model.Weight.ToArray<float>();
        Assert.Equal(2, w[0], 1);
        Assert.Equal(-3, w[1], 1);
        Assert.Equal(0.5, model.Bias.Item<float>(), 1);
    }

    [Fact]
    public void HistoryRecordsLossesMetricsAndLearningRates()
    {
        var train = Clouds(5);
        var val = Clouds(6, perClass: 20);
        var model = new AffineModel(2, 3, new RandomGenerator(7));
        var history = Trainer.Fit(model, TestLosses.CrossEntropy, new Sgd(model.Parameters(), new SgdOptions(0.2)),
            new DataLoader(train, 16, shuffle: true, seed: 1),
            new FitOptions
            {
                Epochs = 6,
                Validation = new DataLoader(val, 32),
                Metric = new AccuracyMetric(),
                Schedule = new StepDecaySchedule(2, 0.5),
            });
        Assert.Equal("accuracy", history.MetricName);
        Assert.Equal([1, 2, 3, 4, 5, 6], history.Epochs.Select(r => r.Epoch));
        Assert.Equal([0.2, 0.2, 0.1, 0.1, 0.05, 0.05], history.Epochs.Select(r => Math.Round(r.LearningRate, 12)));
        Assert.All(history.Epochs, r =>
        {
            Assert.NotNull(r.ValidationLoss);
            Assert.InRange(r.TrainMetric!.Value, 0, 1);
            Assert.True(r.Seconds >= 0);
        });
        Assert.True(history[^1].ValidationMetric >= 0.99, $"validation accuracy {history[^1].ValidationMetric}");
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss);
        Assert.True(model.IsTraining);
    }

    [Fact]
    public void SameSeedGivesABitIdenticalHistoryWithBothCoresInUse()
    {
        // Hidden activations of 512 x 256 = 131072 elements reach the threshold above which
        // element-wise kernels split across threads.
        History Run()
        {
            var rng = new RandomGenerator(11);
            var x = Tensor.Randn([1024, 16], rng);
            var y = Tensor.RandInt(0, 3, [1024], rng);
            var model = new TanhMlp(16, 256, 3, new RandomGenerator(12));
            var loader = new DataLoader(new TensorDataset(x, y), 512, shuffle: true, seed: 13, prefetch: true);
            return Trainer.Fit(model, TestLosses.CrossEntropy, new Adam(model.Parameters(), new AdamOptions(0.01)), loader,
                new FitOptions { Epochs = 2, Metric = new AccuracyMetric(), Validation = new DataLoader(new TensorDataset(x, y), 1024) });
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i] with { Seconds = 0 }, b[i] with { Seconds = 0 });
            Assert.Equal(BitConverter.DoubleToInt64Bits(a[i].TrainLoss), BitConverter.DoubleToInt64Bits(b[i].TrainLoss));
        }
    }

    [Fact]
    public void LossChangeThresholdStopsTraining()
    {
        var data = LinearProblem(32, seed: 4);
        var model = new AffineModel(2, 1, new RandomGenerator(5));
        var history = Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(0.3)), new DataLoader(data, 32),
            new FitOptions { Epochs = 1000, LossChangeTolerance = 1e-4 });
        Assert.Equal(StopReason.LossConverged, history.StopReason);
        Assert.True(history.Count < 1000);
        var losses = history.Epochs.Select(r => r.TrainLoss).ToArray();
        Assert.True(Math.Abs(losses[^1] - losses[^2]) < 1e-4);
        for (int t = 1; t < losses.Length - 1; t++) Assert.True(Math.Abs(losses[t] - losses[t - 1]) >= 1e-4);
    }

    [Fact]
    public void TargetMetricStopsTraining()
    {
        var data = Clouds(8);
        var model = new AffineModel(2, 3, new RandomGenerator(9));
        var history = Trainer.Fit(model, TestLosses.CrossEntropy, new Sgd(model.Parameters(), new SgdOptions(0.1)),
            new DataLoader(data, 10, shuffle: true, seed: 2),
            new FitOptions { Epochs = 200, Metric = new AccuracyMetric(), TargetMetric = 0.99 });
        Assert.Equal(StopReason.TargetMetricReached, history.StopReason);
        Assert.True(history[^1].TrainMetric >= 0.99);
        Assert.All(history.Epochs.SkipLast(1), r => Assert.True(r.TrainMetric < 0.99));
        Assert.Throws<ArgumentException>(() => Trainer.Fit(model, TestLosses.CrossEntropy, new Sgd(model.Parameters(), new SgdOptions(0.1)),
            new DataLoader(data, 10), new FitOptions { TargetMetric = 0.5 }));
    }

    [Fact]
    public void GradientClippingOptionKeepsALargeStepStable()
    {
        // lr 3 on this problem diverges without clipping; clipping the norm to 0.1 makes it converge slowly but surely.
        var data = LinearProblem(32, seed: 4);
        var model = new AffineModel(2, 1, new RandomGenerator(5));
        var unclipped = new AffineModel(2, 1, new RandomGenerator(5));
        // The loss-explosion rule is off: this test wants to watch the unclipped run diverge.
        var options = new FitOptions { Epochs = 30, NanPolicy = NanPolicy.SkipBatch, DivergenceFactor = null };
        var h1 = Trainer.Fit(unclipped, TestLosses.Mse, new Sgd(unclipped.Parameters(), new SgdOptions(3)), new DataLoader(data, 32), options);
        var h2 = Trainer.Fit(model, TestLosses.Mse, new Sgd(model.Parameters(), new SgdOptions(3)), new DataLoader(data, 32),
            options with { GradientClipNorm = 0.1 });
        Assert.True(!double.IsFinite(h1[^1].TrainLoss) || h1[^1].TrainLoss > h1[0].TrainLoss);
        Assert.True(h2[^1].TrainLoss < h2[0].TrainLoss);
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions { Epochs = 0 }).ParamName);
        Assert.Equal("LossChangeTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions { LossChangeTolerance = 0 }).ParamName);
        Assert.Equal("GradientClipNorm", Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions { GradientClipNorm = -1 }).ParamName);
        Assert.Equal("TargetMetric", Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions { TargetMetric = double.NaN }).ParamName);
    }
}
