using System.Globalization;
using DeepSharp.Training;

namespace DeepSharp.Cli.Output;

/// <summary>
/// Shows a training run: per-batch progress, one line per epoch, notes, and the final result.
/// Chosen by <see cref="Create"/>: a live progress bar on a terminal, plain lines otherwise,
/// JSON lines with --json, only the final result with --quiet.
/// </summary>
internal abstract class TrainingReporter : TrainingCallback, IProgress<TrainingProgress>
{
    protected TrainingReporter(TextWriter output) => Output = output;

    protected TextWriter Output { get; }

    /// <summary>The running training context (set when training begins).</summary>
    protected TrainingContext? Context { get; private set; }

    public static TrainingReporter Create(CliContext context, bool json, bool quiet) =>
        json ? new JsonReporter(context.Out)
        : quiet ? new QuietReporter(context.Out)
        : context.IsTerminal ? new LiveReporter(context.Out)
        : new PlainReporter(context.Out);

    /// <summary>Runs <paramref name="train"/> while the reporter shows its progress.</summary>
    public virtual void Run(Action train) => train();

    /// <summary>A line of information before or after training (not shown with --json or --quiet).</summary>
    public virtual void Note(string line) => Output.WriteLine(line);

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context) => Context = context;

    /// <summary>Called after every batch with the running loss of the epoch.</summary>
    public virtual void Report(TrainingProgress value) { }

    /// <summary>The final result.</summary>
    public abstract void Final(RunResult result);

    /// <summary>The epochs recorded so far (null before training begins).</summary>
    public History? CurrentHistory => Context?.History;

    /// <summary>The running metric (accuracy) of the current epoch, when there is one.</summary>
    protected double? RunningMetric => Context?.Options.Metric?.Result;

    protected static string F(double? value, string format = "F4") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>The epoch line shared by the plain and live reporters.</summary>
    protected static string EpochLine(EpochRecord r, int epochs)
    {
        string width = epochs.ToString(CultureInfo.InvariantCulture);
        string line = $"epoch {r.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length)}/{width}  " +
            $"train loss {F(r.TrainLoss)} acc {F(r.TrainMetric)}";
        if (r.ValidationLoss is not null) line += $"  val loss {F(r.ValidationLoss)} acc {F(r.ValidationMetric)}";
        line += $"  lr {r.LearningRate.ToString("G4", CultureInfo.InvariantCulture)}  {F(r.Seconds, "F2")}s";
        if (r.SkippedBatches > 0) line += $"  ({r.SkippedBatches} batches skipped: non-finite loss)";
        return line;
    }

    /// <summary>The human-readable summary lines of the final result.</summary>
    protected static IEnumerable<string> FinalLines(RunResult result)
    {
        var last = result.History.Last;
        if (result.Test is { } test)
            yield return $"test accuracy {F(test.Accuracy)}  loss {F(test.Loss)}  ({test.Samples} samples)";
        else if (last is not null)
            yield return $"train accuracy {F(last.TrainMetric)}  loss {F(last.TrainLoss)}"
                + (last.ValidationMetric is null ? "" : $"  val accuracy {F(last.ValidationMetric)}");
        string stop = result.Cancelled ? "cancelled (Ctrl-C)" : Describe(result.History.StopReason);
        int epochs = result.History.Count;
        yield return $"{epochs} epoch{(epochs == 1 ? "" : "s")} in {F(result.TotalSeconds, "F1")} s; stopped: {stop}";
        yield return $"wrote {result.OutDir}{Path.DirectorySeparatorChar}: {string.Join(", ", result.Files)}";
    }

    private static string Describe(StopReason? reason) => reason switch
    {
        StopReason.MaxEpochs or null => "all epochs done",
        StopReason.EarlyStopping => "early stopping",
        StopReason.Callback => "stopped by a callback",
        StopReason.LossConverged => "loss converged",
        StopReason.TargetMetricReached => "target accuracy reached",
        _ => reason.Value.ToString(),
    };
}
