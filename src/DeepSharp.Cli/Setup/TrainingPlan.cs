using DeepSharp.Cli.Datasets;
using System.Globalization;
using DeepSharp.Data;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>Defaults that differ between <c>train</c> and <c>bench train</c>.</summary>
internal sealed record TrainingDefaults(string Dataset, string Optimizer, double ValidationSplit, int? Epochs = null, double? LearningRate = null);

/// <summary>Everything a training run needs, built from the options and checked before anything is written.</summary>
internal sealed class TrainingPlan
{
    /// <summary>The options shared by train and bench train.</summary>
    public static IReadOnlyList<OptionSpec> CommonOptions { get; } =
    [
        .. ModelArguments.Options,
        .. DatasetArguments.Options,
        new("epochs", "Epochs (default 60 for toy sets, 5 otherwise)", ValueName: "N"),
        new("batch-size", "Samples per batch (default 32 for toy sets, 64 otherwise)", ValueName: "N"),
        .. OptimizerArguments.Options,
        new("seed", "Seed of data generation, initialization and shuffling (default 1)", ValueName: "N"),
        new("threads", "Threads of the compute kernels (default: all cores)", ValueName: "N"),
    ];

    private TrainingPlan() { }

    public required NamedDataset Data { get; init; }
    public required BuiltModel Model { get; init; }
    public required Optimizer Optimizer { get; init; }
    public required string OptimizerName { get; init; }
    public required double LearningRate { get; init; }
    public required LearningRateSchedule? Schedule { get; init; }
    public required string LossName { get; init; }
    public required Func<Tensor, Tensor, Tensor> Loss { get; init; }
    public required TensorDataset Train { get; init; }
    public required TensorDataset? Validation { get; init; }
    public required int Epochs { get; init; }
    public required int BatchSize { get; init; }
    public required ulong Seed { get; init; }

    /// <summary>The checkpoint this run continues (--resume), or null for a fresh run.</summary>
    public ResumePoint? Resume { get; init; }

    /// <summary>Epochs done before this run: the checkpoint's with --resume, else 0.</summary>
    public int InitialEpoch => Resume?.Epoch ?? 0;

    /// <summary>Stop at the first epoch whose training batches were all classified correctly (the perceptron's convergence).</summary>
    public bool StopWithoutMistakes { get; init; }

    /// <param name="args">The options.</param>
    /// <param name="defaults">The command's defaults.</param>
    /// <param name="resume">The checkpoint to continue (it defines the model, the seed and the default dataset), or null.</param>
    public static TrainingPlan Create(ParsedArguments args, TrainingDefaults defaults, ResumePoint? resume = null)
    {
        ulong seed = resume is null ? (ulong)args.GetInt("seed", 1, 0) : ResumeArguments.Seed(args, resume);
        string modelName = resume?.Model.Name ?? ModelArguments.ModelName(args);
        bool flatten = resume is null ? !ModelArguments.WantsImages(modelName) : resume.Model.InputShape.Length == 1;
        var data = DatasetArguments.Load(args, resume?.Dataset ?? defaults.Dataset, seed, flattenImages: flatten);
        bool toy = data.Kind == DatasetKind.Points2D;
        // --model perceptron is Rosenblatt's rule: the perceptron criterion, plain SGD, one sample
        // per step, η = 1, constant rate, stopping at the first epoch without mistakes.
        bool rosenblatt = modelName == "perceptron";
        int epochs = resume is null ? args.GetInt("epochs", defaults.Epochs ?? (toy ? 60 : 5), 1, 1_000_000) : ResumeArguments.TotalEpochs(args, resume);
        int batchSize = args.GetInt("batch-size", rosenblatt ? 1 : toy ? 32 : 64, 1, 1 << 20);
        double validationSplit = args.GetDouble("validation-split", rosenblatt ? 0 : defaults.ValidationSplit, 0, 0.9);
        BuiltModel model;
        if (resume is null)
            model = ModelArguments.Build(args, data.Name, data.Train.InputShape.ToArray(), data.Classes, toy ? [64, 64] : [128], new RandomGenerator(seed));
        else
        {
            ModelArguments.CheckShapes(resume.Model, data.Name, data.Train.InputShape.ToArray(), data.Classes);
            model = resume.Model;
        }
        string optimizerName = args.GetChoice("optimizer", rosenblatt ? "sgd" : defaults.Optimizer, OptimizerArguments.Optimizers);
        double lr = rosenblatt && !args.Has("lr") ? 1.0
            : args.Has("lr") || defaults.LearningRate is null
            ? OptimizerArguments.LearningRate(args, optimizerName, toy)
            : defaults.LearningRate.Value;
        var optimizer = OptimizerArguments.Build(args, model.Module, optimizerName, lr);
        var schedule = OptimizerArguments.Schedule(args, epochs, rosenblatt ? "constant" : "cosine");
        var (lossName, loss) = OptimizerArguments.Loss(args, data.Classes, rosenblatt ? "perceptron" : "cross-entropy");
        var (train, validation) = validationSplit > 0 && data.Train.Count * validationSplit >= 1
            ? DataSplit.Split(data.Train, validationSplit, seed, stratify: true)
            : (data.Train, (TensorDataset?)null);
        return new TrainingPlan
        {
            Data = data, Model = model, Optimizer = optimizer, OptimizerName = optimizerName, LearningRate = lr, Schedule = schedule,
            LossName = lossName, Loss = loss, Train = train, Validation = validation, Epochs = epochs, BatchSize = batchSize, Seed = seed,
            StopWithoutMistakes = rosenblatt && lossName == "perceptron",
            Resume = resume,
        };
    }

    /// <summary>One line saying what is about to be trained.</summary>
    public string Describe() =>
        $"training {Model.Name} ({Model.Module.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters) on {Data.Name}: "
        + $"{Train.Count} train, {Validation?.Count ?? 0} validation, {Data.Test?.Count ?? 0} test samples; "
        + $"{OptimizerName} lr {LearningRate.ToString("G4", CultureInfo.InvariantCulture)}, {LossName}, batch {BatchSize}, "
        + (Resume is null ? $"{Epochs} epoch{(Epochs == 1 ? "" : "s")}" : $"epoch{(InitialEpoch + 1 == Epochs ? "" : $"s {InitialEpoch + 1}-")}{Epochs} of {Epochs}, resuming {Resume.Path}");
}
