// Fashion-MNIST with multi-layer perceptrons: the reference recipe and a better one.
// Usage: dotnet run -c Release --project examples/FashionMnistMlp [reference|tuned] [epochs] [seed] [history.csv]
using System.Diagnostics;
using System.Globalization;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

string recipe = args.Length > 0 ? args[0] : "reference";
int epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
ulong seed = args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 1;
string? csv = args.Length > 3 ? args[3] : null;

if (!FashionMnist.IsAvailable())
{
    Console.Error.WriteLine($"Fashion-MNIST is not installed in {FashionMnist.DefaultDirectory}: {FashionMnist.InstallCommand}");
    return 1;
}
var clock = Stopwatch.StartNew();
var train = DatasetFactory.FromImages(FashionMnist.Load(FashionMnistSplit.Train));
var test = DatasetFactory.FromImages(FashionMnist.Load(FashionMnistSplit.Test));
Console.WriteLine($"loaded {train.Count} training and {test.Count} test images in {clock.Elapsed.TotalSeconds:F1} s");

var rng = new RandomGenerator(seed);
Module model;
Optimizer optimizer;
LearningRateSchedule? schedule = null;
int batchSize;
switch (recipe)
{
    case "reference":
        // The reference: 784-128-10, ReLU, SGD lr 0.05 momentum 0.9, batch 64 (PyTorch: 0.84 / 0.867).
        model = new Sequential(new Linear(784, 128, rng: rng), new Relu(), new Linear(128, 10, rng: rng));
        optimizer = new Sgd(model.Parameters(), new SgdOptions(0.05, momentum: 0.9));
        batchSize = 64;
        break;
    case "tuned":
        // Two wider hidden layers with dropout, Adam, and a cosine decay of the learning rate to near zero.
        model = new Sequential(
            new Linear(784, 512, rng: rng), new Relu(), new Dropout(0.2, rng.Fork()),
            new Linear(512, 256, rng: rng), new Relu(), new Dropout(0.2, rng.Fork()),
            new Linear(256, 10, rng: rng));
        optimizer = new Adam(model.Parameters(), new AdamOptions(1e-3));
        schedule = new CosineSchedule(epochs, 1e-5);
        batchSize = 128;
        break;
    default:
        Console.Error.WriteLine($"Unknown recipe '{recipe}': expected 'reference' or 'tuned'.");
        return 2;
}

var history = Trainer.Fit(model, new CrossEntropy(), optimizer,
    new DataLoader(train, batchSize, shuffle: true, seed: seed, prefetch: true),
    new FitOptions
    {
        Epochs = epochs,
        Schedule = schedule,
        Metric = new AccuracyMetric(),
        Validation = new DataLoader(test, 1000),
        Callbacks = [new EpochPrinter()],
    });
if (csv is not null) history.SaveCsv(csv);
var result = Evaluator.Evaluate(model, new DataLoader(test, 1000), new CrossEntropy());
Console.WriteLine($"{recipe}: test accuracy {result.Accuracy:F4} after {history.Count} epochs, {clock.Elapsed.TotalSeconds:F0} s in all");
Console.WriteLine(result.Confusion);
return 0;

/// <summary>Prints one line per epoch.</summary>
sealed class EpochPrinter : TrainingCallback
{
    public override void OnEpochEnd(TrainingContext context, EpochRecord r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {r.Epoch,2}  lr {r.LearningRate:G3}  train loss {r.TrainLoss:F4}  train acc {r.TrainMetric:F4}  test loss {r.ValidationLoss:F4}  test acc {r.ValidationMetric:F4}  {r.Seconds:F1} s"));
}
