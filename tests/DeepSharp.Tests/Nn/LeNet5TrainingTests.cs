using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;
using Xunit.Abstractions;

namespace DeepSharp.Tests.Nn;

/// <summary>A seeded end-to-end run on a Fashion-MNIST subset (the CI machine installs the dataset).</summary>
public sealed class LeNet5TrainingTests(ITestOutputHelper output)
{
    private static TensorDataset Subset(FashionMnistSplit split, int count)
    {
        Assert.True(FashionMnist.IsAvailable(), $"Fashion-MNIST is not installed: {FashionMnist.InstallCommand}");
        var all = DatasetFactory.FromImages(FashionMnist.Load(split), flatten: false);
        return all.Subset(Enumerable.Range(0, count).ToArray());
    }

    [Theory]
    [InlineData(LeNetVariant.Modern, 0.68)]
    [InlineData(LeNetVariant.Classic, 0.68)]
    public void LearnsFashionMnistFromThreeThousandImages(LeNetVariant variant, double minimumAccuracy)
    {
        // 3,000 training images, 2 epochs of batch 32, SGD lr 0.05 momentum 0.9 (the reference recipe
        // with smaller batches, for more steps), then accuracy on the first 1,000 test images.
        // Measured 0.723 (modern) and 0.726 (classic) on the AVX-512 machine; see docs/conv.md.
        var train = new DataLoader(Subset(FashionMnistSplit.Train, 3000), 32, shuffle: true, seed: 7);
        var test = new DataLoader(Subset(FashionMnistSplit.Test, 1000), 500);
        var net = Models.LeNet5(variant, new RandomGenerator(7));
        var optimizer = new Sgd(net.Parameters(), new SgdOptions(0.05, momentum: 0.9));
        var history = Trainer.Fit(net, (y, t) => Functional.CrossEntropy(y, t), optimizer, train, new FitOptions { Epochs = 2 });
        Assert.True(history.Epochs[1].TrainLoss < history.Epochs[0].TrainLoss, "the loss should fall between the epochs");
        var result = Evaluator.Evaluate(net, test);
        output.WriteLine($"{variant}: train loss {history.Epochs[0].TrainLoss:F4} -> {history.Epochs[1].TrainLoss:F4}, test accuracy {result.Accuracy:F4}, {history.Epochs.Sum(e => e.Seconds):F2} s");
        Assert.True(result.Accuracy >= minimumAccuracy, $"{variant}: test accuracy {result.Accuracy:F4} < {minimumAccuracy}");
    }
}
