// Restricted Boltzmann machine on binarized Fashion-MNIST (CD-1 and persistent CD), then a deep
// belief net: greedy pretraining of stacked RBMs, unrolled into a classifier and fine-tuned by
// backpropagation, against the same network trained from a random start.
// Usage: dotnet run -c Release --project examples/RbmDbn [-- --train N --epochs E --out DIR]
using System.Diagnostics;
using System.Globalization;
using DeepSharp.Classic;
using DeepSharp.Data;
using DeepSharp.Examples.RbmDbn;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Plotting;
using DeepSharp.Tensors;
using DeepSharp.Training;

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


// --- Deep belief net: greedy pretraining, then fine-tuning, against a random start ---------------
Console.WriteLine($"Deep belief net 784-256-64 + softmax(10): pretraining on {train.Size(0)} images, {settings.RbmEpochs} CD-1 epochs per layer");
var dbnRng = new RandomGenerator(2);
var dbn = new DeepBeliefNetwork([784, 256, 64], dbnRng);
var pretrainClock = Stopwatch.StartNew();
dbn.Pretrain(train, new RbmTrainingOptions { LearningRate = 0.05f, Momentum = 0.5f, BatchSize = 64, Epochs = settings.RbmEpochs }, dbnRng,
    (layer, epoch, error) => Console.WriteLine($"  layer {layer + 1} ({dbn.Layers[layer]}) epoch {epoch}: reconstruction error {error:F4}  ({pretrainClock.Elapsed.TotalSeconds:F0} s)"));
Console.WriteLine();

var trainLabels = Images.Labels(trainSet, train.Size(0));
var testLabels = Images.Labels(testSet, test.Size(0));
var runs = new[]
{
    ("pretrained (DBN)", dbn.ToClassifier(10, new RandomGenerator(3))),
    ("random start", DeepBeliefNetwork.CreateClassifier([784, 256, 64], 10, new RandomGenerator(3))),
};
var histories = new List<History>();
foreach (var (name, model) in runs)
{
    Console.WriteLine($"Fine-tuning the {name} network: SGD, learning rate 0.1, momentum 0.9, batch 64, {settings.DbnEpochs} epochs");
    var history = Trainer.Fit(model, (o, t) => Functional.CrossEntropy(o, t), new Sgd(model.Parameters(), new SgdOptions(0.1, momentum: 0.9)),
        new DataLoader(new TensorDataset(train, trainLabels), 64, shuffle: true, seed: 4),
        new FitOptions { Epochs = settings.DbnEpochs, Validation = new DataLoader(new TensorDataset(test, testLabels), 1000), Metric = new AccuracyMetric() });
    foreach (var e in history.Epochs)
        Console.WriteLine($"  epoch {e.Epoch}: train loss {e.TrainLoss:F4}, test loss {e.ValidationLoss:F4}, test accuracy {e.ValidationMetric:P2}  ({e.Seconds:F0} s)");
    histories.Add(history);
    Console.WriteLine();
}
Console.WriteLine("epoch   train loss (pretrained / random)   test accuracy (pretrained / random)");
for (int e = 0; e < settings.DbnEpochs; e++)
    Console.WriteLine($"  {e + 1,2}        {histories[0][e].TrainLoss,7:F4} / {histories[1][e].TrainLoss,7:F4}" +
        $"               {histories[0][e].ValidationMetric,7:P2} / {histories[1][e].ValidationMetric,7:P2}");

static double Mean(Tensor t) => t.ToDoubleArray().Average();
