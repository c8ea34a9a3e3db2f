using System.Diagnostics;
using System.Globalization;
using DeepSharp.Cli.Output;
using DeepSharp.Cli.Setup;
using DeepSharp.Data;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Training;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp bench train</c>: times training epochs of a named model and dataset, and inference on its test split.</summary>
internal sealed class BenchTrainCommand : ICommand
{
    public string Name => "bench train";

    public string Summary => "Time one training epoch (default: MLP 784-128-10 on Fashion-MNIST, SGD momentum, batch 64) and test inference";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. TrainingPlan.CommonOptions,
        new("json", "Print one JSON object with the timings", IsFlag: true),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        var plan = TrainingPlan.Create(args, new TrainingDefaults("fashion-mnist", "momentum", 0, Epochs: 1, LearningRate: 0.01));
        var loader = new DataLoader(plan.Train, plan.BatchSize, shuffle: true, seed: plan.Seed);
        var options = new FitOptions { Epochs = plan.Epochs, Metric = new AccuracyMetric(), CancellationToken = context.Cancellation, Schedule = plan.Schedule };
        var history = Trainer.Fit(plan.Model.Module, plan.Loss, plan.Optimizer, loader, options);
        double perEpoch = history.Epochs.Average(r => r.Seconds);
        double? inference = null, testAccuracy = null;
        if (plan.Data.Test is { } test)
        {
            var clock = Stopwatch.StartNew();
            var result = Evaluator.Evaluate(plan.Model.Module, new DataLoader(test, 1000));
            inference = clock.Elapsed.TotalSeconds;
            testAccuracy = result.Accuracy;
        }
        var last = history.Last!;
        if (args.Has("json"))
        {
            context.Out.WriteLine(new JsonLine().Add("work", "train")
                .Add("model", plan.Model.Name).Add("dataset", plan.Data.Name).Add("epochs", history.Count)
                .Add("batchSize", plan.BatchSize).Add("threads", CpuBackend.ThreadLimit)
                .Add("secondsPerEpoch", perEpoch).Add("epochSeconds", history.Epochs.Select(r => r.Seconds).ToArray()).Add("samplesPerSecond", plan.Train.Count / perEpoch)
                .Add("trainLoss", last.TrainLoss).Add("trainAccuracy", last.TrainMetric)
                .Add("inferenceSeconds", inference).Add("testAccuracy", testAccuracy).Add("testSamples", plan.Data.Test?.Count ?? 0)
                .ToString());
            return 0;
        }
        var c = CultureInfo.InvariantCulture;
        context.Out.WriteLine(plan.Describe());
        context.Out.WriteLine(string.Create(c, $"{perEpoch:F3} s per epoch ({plan.Train.Count / perEpoch:F0} samples/s, {CpuBackend.ThreadLimit} thread(s)); train loss {last.TrainLoss:F4} accuracy {last.TrainMetric:F4}"));
        if (inference is { } s)
            context.Out.WriteLine(string.Create(c, $"inference on {plan.Data.Test!.Count} test samples: {s:F3} s; test accuracy {testAccuracy:F4}"));
        return 0;
    }
}
