using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Training;

/// <summary>Seeded end-to-end runs of the lectures' examples that must reach a stated accuracy.</summary>
public class AccuracyTests
{
    [Fact]
    public void XorWithA221SigmoidNetReaches100Percent()
    {
        var (x, labels) = ToyData.XorTable();
        var data = new TensorDataset(Tensor.FromArray(x, 4, 2), Tensor.FromArray(labels.Select(v => (float)v).ToArray(), 4, 1));
        var rng = new RandomGenerator(1);
        var model = new Sequential(new Linear(2, 2, rng: rng), new Sigmoid(), new Linear(2, 1, rng: rng), new Sigmoid());
        var history = Trainer.Fit(model, new MseLoss(), new Sgd(model.Parameters(), new SgdOptions(2.0, momentum: 0.9)), new DataLoader(data, 4),
            new FitOptions { Epochs = 2000, Metric = new AccuracyMetric(), Validation = new DataLoader(data, 4), TargetMetric = 1.0 });
        Assert.Equal(StopReason.TargetMetricReached, history.StopReason);
        var output = Evaluator.Predict(model, data.Inputs).ToArray<float>();
        Assert.Equal(1.0, Metrics.Accuracy(Tensor.FromArray(output, 4, 1), data.Targets));
        Assert.True(output[0] < 0.5f && output[1] >= 0.5f && output[2] >= 0.5f && output[3] < 0.5f, string.Join(", ", output));
    }

    [Fact]
    public void TwoSpiralsWithATwoHiddenLayerMlpReach99PercentTrainAccuracy()
    {
        var (x, labels) = ToyData.TwoSpirals(100, noise: 0, turns: 1.5, rng: new RandomGenerator(2));
        var data = TensorDataset.FromArrays(x, 2, labels);
        var rng = new RandomGenerator(12);
        var model = new Sequential(new Linear(2, 32, rng: rng), new Tanh(), new Linear(32, 32, rng: rng), new Tanh(), new Linear(32, 2, rng: rng));
        Trainer.Fit(model, new CrossEntropy(), new Adam(model.Parameters(), new AdamOptions(0.02)), new DataLoader(data, 50, shuffle: true, seed: 2),
            new FitOptions { Epochs = 400, Metric = new AccuracyMetric(), Validation = new DataLoader(data, 200), TargetMetric = 1.0 });
        var result = Evaluator.Evaluate(model, new DataLoader(data, 200), new CrossEntropy());
        Assert.True(result.Accuracy >= 0.99, $"train accuracy {result.Accuracy}");
    }

    [Fact]
    public void GaussianCloudsWithASingleLayerReach99Percent()
    {
        var (x, labels) = ToyData.GaussianClouds(100, 4, std: 0.5, rng: new RandomGenerator(3));
        var data = TensorDataset.FromArrays(x, 2, labels);
        var (xt, lt) = ToyData.GaussianClouds(50, 4, std: 0.5, rng: new RandomGenerator(33));
        var model = new Linear(2, 4, rng: new RandomGenerator(4));
        Trainer.Fit(model, new CrossEntropy(), new Sgd(model.Parameters(), new SgdOptions(0.1, momentum: 0.9)), new DataLoader(data, 32, shuffle: true, seed: 5),
            new FitOptions { Epochs = 30 });
        var train = Evaluator.Evaluate(model, new DataLoader(data, 400));
        var test = Evaluator.Evaluate(model, new DataLoader(TensorDataset.FromArrays(xt, 2, lt), 200));
        Assert.True(train.Accuracy >= 0.99, $"train accuracy {train.Accuracy}");
        Assert.True(test.Accuracy >= 0.99, $"test accuracy {test.Accuracy}\n{test.Confusion}");
    }

    [Fact]
    public void SineWithTwentyTanhUnitsReachesMseBelow1e3()
    {
        // Universal approximation: one hidden layer of 20 tanh units fits sin on [-π, π].
        var (x, y) = ToyData.FunctionSamples(Math.Sin, 200, -Math.PI, Math.PI, noise: 0, evenlySpaced: true);
        var data = TensorDataset.FromArrays(x, 1, y);
        var rng = new RandomGenerator(6);
        var model = new Sequential(new Linear(1, 20, rng: rng), new Tanh(), new Linear(20, 1, rng: rng));
        Trainer.Fit(model, new MseLoss(), new Adam(model.Parameters(), new AdamOptions(0.02)), new DataLoader(data, 200),
            new FitOptions { Epochs = 3000, Metric = new MeanSquaredErrorMetric(), TargetMetric = 3e-4 });
        // Measured on 1000 fresh random points of the interval, not the training grid.
        var (xt, yt) = ToyData.FunctionSamples(Math.Sin, 1000, -Math.PI, Math.PI, noise: 0, rng: new RandomGenerator(9));
        double mse = Metrics.MeanSquaredError(Evaluator.Predict(model, Tensor.FromArray(xt, 1000, 1)), Tensor.FromArray(yt, 1000, 1));
        Assert.True(mse < 1e-3, $"MSE {mse}");
    }
}
