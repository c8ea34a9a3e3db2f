using DeepSharp.Autograd;
using DeepSharp.Classic;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Classic;

public class DeepBeliefNetworkTests
{
    [Fact]
    public void UnrolledClassifierReproducesTheStacksHiddenProbabilities()
    {
        var rng = new RandomGenerator(1);
        var dbn = new DeepBeliefNetwork([6, 5, 3], rng, initStd: 0.5);
        using (GradMode.NoGrad()) dbn.Layers[0].HiddenBias.CopyFrom(Tensor.Randn([5], rng));
        using (GradMode.NoGrad()) dbn.Layers[1].HiddenBias.CopyFrom(Tensor.Randn([3], rng));
        var model = dbn.ToClassifier(4, rng);
        Assert.Equal(5, model.Count); // Linear, Sigmoid, Linear, Sigmoid, Linear
        Assert.Equal("Linear(3 -> 4)", model[4].ToString());
        var x = Tensor.Rand([7, 6], rng);
        using var _ = GradMode.NoGrad();
        var hidden = model[3].Forward(model[2].Forward(model[1].Forward(model[0].Forward(x))));
        var expected = dbn.Transform(x).ToArray<float>();
        var actual = hidden.ToArray<float>();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
        Assert.Equal(dbn.Layers[0].Weights.T.Contiguous().ToArray<float>(), ((Linear)model[0]).Weight.ToArray<float>());
        Assert.Equal(new[] { 7, 4 }, model.Forward(x).ShapeArray);
        Assert.Equal(model.ParameterCount, DeepBeliefNetwork.CreateClassifier([6, 5, 3], 4, rng).ParameterCount);
    }

    [Fact]
    public void PretrainingThenFineTuningReachesSeventyPercentOnAFashionSubset()
    {
        var (x, y) = FashionSubset.Slice(0, 1500, binarize: true);
        var (testX, testY) = FashionSubset.Slice(8000, 500, binarize: true);
        var rng = new RandomGenerator(42);
        var dbn = new DeepBeliefNetwork([784, 64, 32], rng);
        var errors = dbn.Pretrain(x, new RbmTrainingOptions { LearningRate = 0.2f, Momentum = 0.5f, BatchSize = 32, Epochs = 5 }, rng);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.True(e[^1] < e[0], $"reconstruction error {e[0]} -> {e[^1]}"));

        var pretrained = FineTune(dbn.ToClassifier(10, rng), x, y, testX, testY);
        var baseline = FineTune(DeepBeliefNetwork.CreateClassifier([784, 64, 32], 10, rng), x, y, testX, testY);
        // Measured with these seeds: 73.8% test accuracy; first-epoch loss 1.66 pretrained vs 1.84 from a random start.
        Assert.True(pretrained.Accuracy >= 0.70, $"test accuracy {pretrained.Accuracy:P1}");
        Assert.True(pretrained.History[^1].TrainLoss < pretrained.History[0].TrainLoss);
        Assert.True(pretrained.History[0].TrainLoss < baseline.History[0].TrainLoss,
            $"first-epoch loss {pretrained.History[0].TrainLoss:F3} pretrained vs {baseline.History[0].TrainLoss:F3} random");
    }

    private static (History History, double Accuracy) FineTune(Sequential model, Tensor x, Tensor y, Tensor testX, Tensor testY)
    {
        var loader = new DataLoader(new TensorDataset(x, y), 32, shuffle: true, seed: 3);
        var history = Trainer.Fit(model, (o, t) => Functional.CrossEntropy(o, t), new Adam(model.Parameters(), new AdamOptions(0.01)),
            loader, new FitOptions { Epochs = 6 });
        double accuracy = Evaluator.Evaluate(model, new DataLoader(new TensorDataset(testX, testY), 250)).Accuracy!.Value;
        return (history, accuracy);
    }

    [Fact]
    public void InvalidLayerSizesThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepBeliefNetwork([784], new RandomGenerator(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepBeliefNetwork([784, 0], new RandomGenerator(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepBeliefNetwork.CreateClassifier([4, 3], 1, new RandomGenerator(0)));
    }
}
