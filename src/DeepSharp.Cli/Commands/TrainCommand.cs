using System.Diagnostics;
using DeepSharp.Cli.Output;
using DeepSharp.Cli.Setup;
using DeepSharp.Data;
using DeepSharp.Distributed;
using DeepSharp.IO;
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
        .. TrainingPlan.CommonOptions,
        ResumeArguments.Option,
        AugmentArguments.Option,
        DeviceArguments.Option,
        InitFrom.Option,
        new("validation-split", "Fraction of the training data held out for validation (default 0.1; 0 for none)", ValueName: "X"),
        new("early-stopping", "Stop after N epochs without improvement of the validation loss; keep the best weights", ValueName: "N"),
        new("out", "Run directory (default runs/<timestamp>)", ValueName: "DIR"),
        new("svg", "Also write the plots as SVG", IsFlag: true),
        new("json", "One JSON object per line on stdout (per epoch, then the final result)", IsFlag: true),
        new("quiet", "Print only the final result", IsFlag: true),
        .. DashboardSession.Options,
        new("mpi-timeout", "Under mpirun: seconds a collective may wait for the other ranks before the job ends (default 60)", ValueName: "S"),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        bool json = args.Has("json"), quiet = args.Has("quiet");
        if (json && quiet) throw new CliUsageException("'train': choose one of --json and --quiet.");
        var clock = Stopwatch.StartNew();
        // The model is created on the device (factories use the scope's default); batches follow it.
        using var onDevice = DeviceArguments.Select(args, context.Error).UseAsDefault();
        // Everything that can be wrong with the request is checked before anything is written.
        var resume = ResumeArguments.Load(args);
        var plan = TrainingPlan.Create(args, new TrainingDefaults("spirals", "adam", 0.1), resume);
        InitFrom.Apply(args, plan.Model, resume is not null);
        int patience = args.GetInt("early-stopping", 0, 1, 1_000_000);
        int mpiTimeout = args.GetInt("mpi-timeout", 60, 1, 86_400);
        var model = plan.Model;
        var data = plan.Data;
        // Under mpirun every rank trains on its shard with batch --batch-size and the gradients are
        // averaged; rank 0 alone prints and writes the run directory.
        using var group = ProcessGroup.LaunchedByMpi ? ProcessGroup.Init(new DistributedOptions { Timeout = TimeSpan.FromSeconds(mpiTimeout) }) : null;
        bool main = group?.IsMain ?? true;
        // mpirun hands the ranks a pseudo-terminal even when its own output is a pipe: plain lines.
        if (group is not null) context = main ? context with { IsTerminal = false } : context with { Out = TextWriter.Null, Error = TextWriter.Null, IsTerminal = false };
        var loader = new DataLoader(plan.Train, plan.BatchSize, shuffle: true, seed: plan.Seed,
            sampler: group is null ? null : new DistributedSampler(group.Rank, group.Size))
        {
            Transform = AugmentArguments.Parse(args, plan.Train.InputShape),
        };
        if (resume is not null) ResumeArguments.Restore(resume, plan, loader);
        using var parallel = group is null ? null : new DistributedDataParallel(model.Module, group);

        var files = new RunFiles(main ? RunDirectory.Create(args.GetString("out")) : Path.GetTempPath(), args.Has("svg"));
        // One run at a time per directory (rank 0 owns it); what a killed run left half-written is removed once the lock is ours.
        using var runLock = main ? RunLock.Acquire(files.Directory) : null;
        if (main) AtomicFile.DeleteStaleTemporaries(files.Directory);
        var reporter = TrainingReporter.Create(context, json, quiet);
        reporter.Note(plan.Describe());
        if (group is not null)
            reporter.Note($"distributed: {group.Size} ranks over MPI, batch {plan.BatchSize} per rank ({plan.BatchSize * group.Size} per step), {loader.SampleCount} samples per rank per epoch; rank 0 on {group.HostName} writes the run");
        using var dashboard = main ? DashboardSession.Start(args, files.Directory, plan, context) : null;
        if (dashboard is not null) (json ? context.Error : context.Out).WriteLine($"dashboard: {dashboard.Url}");
        files.Add(ModelStore.FileName);
        var callbacks = new List<TrainingCallback> { reporter };
        if (patience > 0)
        {
            var monitor = plan.Validation is null ? MonitoredQuantity.TrainLoss : MonitoredQuantity.ValidationLoss;
            callbacks.Add(new EarlyStopping(monitor, patience, restoreBestWeights: true));
        }
        // After every epoch, so that Ctrl-C or a crash keeps the last finished epoch, and at the end
        // with the final weights (the best epoch's after early stopping, which runs first); the
        // history file follows the checkpoint it describes.
        if (main)
        {
            callbacks.Add(new CheckpointCallback(new CheckpointOptions(files.Directory)
            {
                LastFileName = ModelStore.FileName, SaveBest = false, WriteAtEnd = true, TrainLoader = loader,
                Description = model.Description, Metadata = ModelStore.Metadata(model, data.ClassNames, data.Name),
            }));
            callbacks.Add(new CsvLogger(files.Add("history.csv")));
        }
        if (dashboard is not null) callbacks.Add(dashboard.Recorder);
        var options = new FitOptions
        {
            Epochs = plan.Epochs,
            // Resuming: the epochs continue from the checkpoint's and its history is extended.
            InitialEpoch = plan.InitialEpoch,
            History = resume?.Checkpoint.CreateHistory(),
            Validation = plan.Validation is null ? null : new DataLoader(plan.Validation, Math.Max(plan.BatchSize, 256)),
            Callbacks = callbacks,
            Schedule = plan.Schedule,
            Metric = new AccuracyMetric(),
            TargetMetric = plan.StopWithoutMistakes && plan.Validation is null ? 1.0 : null,
            CancellationToken = context.Cancellation,
            Progress = reporter,
            DataParallel = parallel,
        };

        History? history = null;
        bool cancelled = false;
        try
        {
            reporter.Run(() => history = Trainer.Fit(model.Module, plan.Loss, plan.Optimizer, loader, options));
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            // Ctrl-C: the history and checkpoint of the last finished epoch are on disk; keep them
            // and add the plots of what was done.
            cancelled = true;
            history = reporter.CurrentHistory ?? new History("accuracy");
        }
        catch (TrainingDivergedException e)
        {
            throw new CliUsageException($"{e.Message} Try a smaller --lr.");
        }
        history ??= new History("accuracy");
        if (parallel is not null && main && parallel.Steps > 0 && !quiet)
            (json ? context.Error : context.Out).WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"distributed: gradient all-reduce {1e3 * parallel.CommunicationSeconds / parallel.Steps:F3} ms per step ({parallel.BucketBytes.Count} buckets, {parallel.BucketBytes.Sum()} bytes), {100 * parallel.Overlap:F0}% of it hidden behind the backward pass"));

        if (!main) return cancelled ? 130 : 0;
        EvaluationResult? test = data.Test is null || cancelled ? null : Evaluator.Evaluate(model.Module, new DataLoader(data.Test, 256), plan.Loss);
        if (!cancelled || history.Count > 0) RunPlots.Write(files, history, model, data, test);
        reporter.Final(new RunResult(history, test, clock.Elapsed.TotalSeconds, Path.Combine(files.Directory, ModelStore.FileName), files.Directory, files.Names, cancelled));
        dashboard?.Finish(context, cancelled);
        return cancelled ? 130 : 0;
    }
}
