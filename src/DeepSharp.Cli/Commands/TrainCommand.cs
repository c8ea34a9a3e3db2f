using System.Diagnostics;
using System.Globalization;
using DeepSharp.Cli.Output;
using DeepSharp.Cli.Setup;
using DeepSharp.Data;
using DeepSharp.Kernels;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp train</c>: trains a model on a dataset and writes a run directory with the
/// checkpoint, the history, the curves and the model's plots.</summary>
internal sealed class TrainCommand : ICommand
{
    public string Name => "train";

    public string Summary => "Train a model (default: an MLP on two spirals) and write checkpoint, history and plots";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. ModelArguments.Options,
        .. DatasetArguments.Options,
        new("epochs", "Epochs (default 60 for toy sets, 5 otherwise)", ValueName: "N"),
        new("batch-size", "Samples per batch (default 32 for toy sets, 64 otherwise)", ValueName: "N"),
        .. OptimizerArguments.Options,
        new("seed", "Seed of data generation, initialization and shuffling (default 1)", ValueName: "N"),
        new("validation-split", "Fraction of the training data held out for validation (default 0.1; 0 for none)", ValueName: "X"),
        new("early-stopping", "Stop after N epochs without improvement of the validation loss; keep the best weights", ValueName: "N"),
        new("threads", "Threads of the compute kernels (default: all cores)", ValueName: "N"),
        new("out", "Run directory (default runs/<timestamp>)", ValueName: "DIR"),
        new("svg", "Also write the plots as SVG", IsFlag: true),
        new("json", "One JSON object per line on stdout (per epoch, then the final result)", IsFlag: true),
        new("quiet", "Print only the final result", IsFlag: true),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        bool json = args.Has("json"), quiet = args.Has("quiet");
        if (json && quiet) throw new CliUsageException("'train': choose one of --json and --quiet.");
        var clock = Stopwatch.StartNew();
        ulong seed = (ulong)args.GetInt("seed", 1, 0);
        if (args.Has("threads")) Parallelism.MaxThreads = args.GetInt("threads", 1, 1, 256);
        RandomGenerator.ManualSeed(seed);

        // Everything that can be wrong with the request is checked before anything is written.
        string modelName = ModelArguments.ModelName(args);
        var data = DatasetArguments.Load(args, "spirals", seed, flattenImages: !ModelArguments.WantsImages(modelName));
        bool toy = data.Kind == DatasetKind.Points2D;
        int epochs = args.GetInt("epochs", toy ? 60 : 5, 1, 1_000_000);
        int batchSize = args.GetInt("batch-size", toy ? 32 : 64, 1, 1 << 20);
        double validationSplit = args.GetDouble("validation-split", 0.1, 0, 0.9);
        int patience = args.GetInt("early-stopping", 0, 1, 1_000_000);
        var rng = new RandomGenerator(seed);
        var model = ModelArguments.Build(args, data.Name, data.Train.InputShape.ToArray(), data.Classes, toy ? [64, 64] : [128], rng);
        string optimizerName = OptimizerArguments.OptimizerName(args);
        double lr = OptimizerArguments.LearningRate(args, optimizerName, toy);
        var optimizer = OptimizerArguments.Build(args, model.Module, optimizerName, lr);
        var schedule = OptimizerArguments.Schedule(args, epochs);
        var (lossName, loss) = OptimizerArguments.Loss(args, data.Classes);

        var (train, validation) = validationSplit > 0 && data.Train.Count * validationSplit >= 1
            ? DataSplit.Split(data.Train, validationSplit, seed, stratify: true)
            : (data.Train, (TensorDataset?)null);
        var runDir = RunDirectory.Create(args.GetString("out"));
        var reporter = TrainingReporter.Create(context, json, quiet);
        reporter.Note($"training {model.Name} ({model.Module.ParameterCount:N0} parameters) on {data.Name}: {train.Count} train, "
            + $"{validation?.Count ?? 0} validation, {data.Test?.Count ?? 0} test samples; {optimizerName} lr {lr.ToString("G4", CultureInfo.InvariantCulture)}, "
            + $"{lossName}, batch {batchSize}, {epochs} epochs");

        var files = new RunFiles(runDir, args.Has("svg"));
        var callbacks = new List<TrainingCallback> { reporter, new CsvLogger(files.Add("history.csv")) };
        string checkpoint = files.Add(ModelStore.FileName);
        callbacks.Add(new CheckpointHook((_, _) => ModelStore.Save(checkpoint, model, data.ClassNames, data.Name)));
        if (patience > 0)
            callbacks.Add(new EarlyStopping(validation is null ? MonitoredQuantity.TrainLoss : MonitoredQuantity.ValidationLoss, patience, restoreBestWeights: true));
        var options = new FitOptions
        {
            Epochs = epochs,
            Validation = validation is null ? null : new DataLoader(validation, Math.Max(batchSize, 256)),
            Callbacks = callbacks,
            Schedule = schedule,
            Metric = new AccuracyMetric(),
            CancellationToken = context.Cancellation,
            Progress = reporter,
        };
        var loader = new DataLoader(train, batchSize, shuffle: true, seed: seed);

        History? history = null;
        bool cancelled = false;
        try
        {
            reporter.Run(() => history = Trainer.Fit(model.Module, loss, optimizer, loader, options));
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            // Ctrl-C: the last epoch's history and checkpoint are on disk; add the plots of what was done.
            cancelled = true;
            history = reporter.CurrentHistory ?? new History("accuracy");
        }
        catch (TrainingDivergedException e)
        {
            throw new CliUsageException($"{e.Message} Try a smaller --lr.");
        }
        if (!cancelled) ModelStore.Save(checkpoint, model, data.ClassNames, data.Name);

        EvaluationResult? test = data.Test is null || cancelled ? null : Evaluator.Evaluate(model.Module, new DataLoader(data.Test, 256), loss);
        RunPlots.Write(files, history!, model, data, test);
        reporter.Final(new RunResult(history!, test, clock.Elapsed.TotalSeconds, checkpoint, runDir, files.Names, cancelled));
        return cancelled ? 130 : 0;
    }
}
