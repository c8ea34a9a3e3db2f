using DeepSharp.Training;
using Spectre.Console;

namespace DeepSharp.Cli.Output;

/// <summary>
/// On a terminal: a live Spectre.Console progress bar for the running epoch (batches done,
/// running loss and accuracy, time left), replaced by the epoch's line when it ends.
/// </summary>
internal sealed class LiveReporter : TrainingReporter
{
    private readonly IAnsiConsole _console;
    private ProgressContext? _progress;
    private ProgressTask? _task;
    private int _epochs;

    public LiveReporter(TextWriter output) : base(output) =>
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.Yes,
        });

    public override void Run(Action train) =>
        _console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                _progress = ctx;
                try
                {
                    train();
                }
                finally
                {
                    _task?.StopTask();
                    _progress = null;
                }
            });

    public override void Note(string line) => _console.WriteLine(line);

    public override void OnTrainBegin(TrainingContext context)
    {
        base.OnTrainBegin(context);
        _epochs = context.Options.Epochs;
    }

    public override void OnEpochBegin(TrainingContext context, int epoch)
    {
        _task?.StopTask();
        _task = _progress?.AddTask(Markup.Escape($"epoch {epoch}/{_epochs}"), autoStart: true, maxValue: 1);
    }

    public override void Report(TrainingProgress p)
    {
        if (_task is null) return;
        _task.MaxValue = p.Batches;
        _task.Value = p.Batch;
        _task.Description = Markup.Escape($"epoch {p.Epoch}/{p.Epochs}  batch {p.Batch}/{p.Batches}  loss {F(p.Loss)}  acc {F(RunningMetric)}");
    }

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        _task?.StopTask();
        _task = null;
        _console.WriteLine(EpochLine(record, context.Options.Epochs));
    }

    public override void Final(RunResult result)
    {
        foreach (string line in FinalLines(result)) _console.WriteLine(line);
    }
}
