using System.Diagnostics;
using DeepSharp.Cli.Output;
using DeepSharp.Cli.Setup;
using DeepSharp.Data;
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
        InitFrom.Option,
        new("validation-split", "Fraction of the training data held out for validation (default 0.1; 0 for none)", ValueName: "X"),
        new("early-stopping", "Stop after N epochs without improvement of the validation loss; keep the best weights", ValueName: "N"),
        new("out", "Run directory (default runs/<timestamp>)", ValueName: "DIR"),
        new("svg", "Also write the plots as SVG", IsFlag: true),
        new("json", "One JSON object per line on stdout (per epoch, then the final result)", IsFlag: true),
        new("quiet", "Print only the final result", IsFlag: true),
        .. DashboardSession.Options,
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        bool json = args.Has("json"), quiet = args.Has("quiet");
        if (json && quiet) throw new CliUsageException("'train': choose one of --json and --quiet.");
        var clock = Stopwatch.StartNew();
        // Everything that can be wrong with the request is checked before anything is written.
        var resume = ResumeArguments.Load(args);
        var plan = TrainingPlan.Create(args, new TrainingDefaults("spirals", "adam", 0.1), resume);
        InitFrom.Apply(args, plan.Model, resume is not null);
        int patience = args.GetInt("early-stopping", 0, 1, 1_000_000);
        var model = plan.Model;
        var data = plan.Data;
        var loader = new DataLoader(plan.Train, plan.BatchSize, shuffle: true, seed: plan.Seed);
        if (resume is not null) ResumeArguments.Restore(resume, plan, loader);

        var files = new RunFiles(RunDirectory.Create(args.GetString("out")), args.Has("svg"));
        var reporter = TrainingReporter.Create(context, json, quiet);
        reporter.Note(plan.Describe());
        using var dashboard = DashboardSession.Start(args, files.Directory, plan, context);
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
        callbacks.Add(new CheckpointCallback(new CheckpointOptions(files.Directory)
        {
            LastFileName = ModelStore.FileName, SaveBest = false, WriteAtEnd = true, TrainLoader = loader,
            Description = model.Description, Metadata = ModelStore.Metadata(model, data.ClassNames, data.Name),
        }));
        callbacks.Add(new CsvLogger(files.Add("history.csv")));
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

        EvaluationResult? test = data.Test is null || cancelled ? null : Evaluator.Evaluate(model.Module, new DataLoader(data.Test, 256), plan.Loss);
        if (!cancelled || history.Count > 0) RunPlots.Write(files, history, model, data, test);
        reporter.Final(new RunResult(history, test, clock.Elapsed.TotalSeconds, Path.Combine(files.Directory, ModelStore.FileName), files.Directory, files.Names, cancelled));
        dashboard?.Finish(context, cancelled);
        return cancelled ? 130 : 0;
    }
}
