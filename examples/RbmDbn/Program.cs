// Restricted Boltzmann machine on binarized Fashion-MNIST (CD-1 and persistent CD), then a deep
// belief net: greedy pretraining of stacked RBMs, unrolled into a classifier and fine-tuned by
// backpropagation, against the same network trained from a random start.
// Usage: dotnet run -c Release --project examples/RbmDbn [-- --train N --epochs E --out DIR]
using System.Diagnostics;
using System.Globalization;
using DeepSharp.Classic;
using DeepSharp.Data;
using DeepSharp.Examples.RbmDbn;
using DeepSharp.Plotting;
using DeepSharp.Tensors;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var settings = Settings.Parse(args);
Directory.CreateDirectory(settings.OutputDirectory);

var trainSet = FashionMnist.Load(FashionMnistSplit.Train);
var testSet = FashionMnist.Load(FashionMnistSplit.Test);
var train = Images.Binarized(trainSet, settings.TrainImages);
var test = Images.Binarized(testSet, testSet.Count);
Console.WriteLine($"Fashion-MNIST binarized at 0.5: {train.Size(0)} training images, {test.Size(0)} test images");
Console.WriteLine();

// --- RBM: CD-1 and PCD-1 side by side -------------------------------------------------------
RestrictedBoltzmannMachine? cdMachine = null;
foreach (bool persistent in new[] { false, true })
{
    var rng = new RandomGenerator(1);
    var rbm = new RestrictedBoltzmannMachine(784, 256, rng);
    var options = new RbmTrainingOptions
    {
        LearningRate = 0.05f, Momentum = 0.5f, BatchSize = 64, Epochs = settings.RbmEpochs, Persistent = persistent,
    };
    Console.WriteLine($"{rbm}, {(persistent ? "persistent CD-1" : "CD-1")}, learning rate 0.05, momentum 0.5, batch 64");
    var clock = Stopwatch.StartNew();
    new ContrastiveDivergence(rbm, options, rng).Fit(train, (epoch, error) =>
        Console.WriteLine($"  epoch {epoch}: reconstruction error {error:F4}  ({clock.Elapsed.TotalSeconds:F0} s)"));
    double fTrain = Mean(rbm.FreeEnergy(train.Narrow(0, 0, 2000)));
    double fTest = Mean(rbm.FreeEnergy(test.Narrow(0, 0, 2000)));
    double fNoise = Mean(rbm.FreeEnergy(Tensor.Rand([2000, 784], rng).Lt(0.3)));
    Console.WriteLine($"  test reconstruction error {rbm.ReconstructionError(test):F4}; mean free energy: " +
        $"train {fTrain:F1}, test {fTest:F1}, random binary images {fNoise:F1}");
    Console.WriteLine();
    cdMachine ??= rbm;
}

var sampler = new RandomGenerator(5);
var shown = test.Narrow(0, 0, 10);
var reconstructions = cdMachine!.Reconstruct(shown);
var fantasies = cdMachine.VisibleProbabilities(cdMachine.SampleHidden(cdMachine.Gibbs(shown, 200, sampler), sampler));
string gridPath = Path.Combine(settings.OutputDirectory, "rbm-reconstructions.png");
new ImageGrid([.. shown.ToFloatArray(), .. reconstructions.ToFloatArray(), .. fantasies.ToFloatArray()], 30, 28, 28,
    captions: [.. Enumerable.Range(0, 10).Select(i => FashionMnist.ClassNames[testSet.Labels[i]]), .. Enumerable.Repeat("recon", 10), .. Enumerable.Repeat("200 Gibbs", 10)],
    options: new ImageGridOptions { Columns = 10, Scale = 2, Title = "RBM CD-1: images, reconstructions, 200 Gibbs steps" }).SavePng(gridPath);
string filtersPath = Path.Combine(settings.OutputDirectory, "rbm-filters.png");
new ImageGrid(Images.Filters(cdMachine, 64), 64, 28, 28,
    options: new ImageGridOptions { Columns = 16, Scale = 2, Title = "RBM 784-256: weights of the first 64 hidden units" }).SavePng(filtersPath);
Console.WriteLine($"Wrote {gridPath} and {filtersPath}");
Console.WriteLine();

static double Mean(Tensor t) => t.ToDoubleArray().Average();
