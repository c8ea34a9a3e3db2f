using System.Globalization;
using DeepSharp.Serialization;
using DeepSharp.IO;

namespace DeepSharp.Training;

/// <summary>
/// The one way a training run writes checkpoints: a <see cref="Checkpoint"/> to <c>last.safetensors</c>
/// in a directory after every epoch (or every <see cref="CheckpointOptions.Every"/> epochs, and at the
/// end), and to <c>best.safetensors</c> whenever the monitored value improves; each file in one
/// atomic write, so a crash or kill at any moment leaves the previous complete file.
/// </summary>
/// <remarks>Each checkpoint holds the model, the optimizer, the schedule of the fit options, the
/// history so far, the caller's extra metadata and, when given, the training loader's position and
/// named generators: what exact resume needs.</remarks>
public sealed class CheckpointCallback : TrainingCallback
{
    /// <summary>Default file name of the latest checkpoint.</summary>
    public const string LastFileName = "last.safetensors";

    /// <summary>Default file name of the best checkpoint.</summary>
    public const string BestFileName = "best.safetensors";

    private bool _lowerIsBetter;
    private int _lastSaved;

    /// <summary>Writes checkpoints as <paramref name="options"/> say.</summary>
    public CheckpointCallback(CheckpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>Writes <c>last.safetensors</c> after every epoch (and <c>best.safetensors</c>) into <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder of the files.</param>
    /// <param name="monitor">What "best" means; see <see cref="CheckpointOptions.Monitor"/>.</param>
    /// <param name="mode">Lower or higher is better.</param>
    /// <param name="trainLoader">The training loader, for exact resume.</param>
    /// <param name="generators">Other generators to save by name.</param>
    /// <param name="saveBest">Also keep the best checkpoint.</param>
    public CheckpointCallback(string directory, MonitoredQuantity? monitor = null, MonitorMode mode = MonitorMode.Auto,
        Data.DataLoader? trainLoader = null, IReadOnlyDictionary<string, Tensors.RandomGenerator>? generators = null, bool saveBest = true)
        : this(new CheckpointOptions(directory) { Monitor = monitor, Mode = mode, TrainLoader = trainLoader, Generators = generators, SaveBest = saveBest }) { }

    /// <summary>The options.</summary>
    public CheckpointOptions Options { get; }

    /// <summary>The folder of the checkpoint files.</summary>
    public string Directory => Options.Directory;

    /// <summary>The latest checkpoint's path.</summary>
    public string LastPath => Path.Combine(Directory, Options.LastFileName);

    /// <summary>The best checkpoint's path.</summary>
    public string BestPath => Path.Combine(Directory, Options.BestFileName);

    /// <summary>Lower or higher is better.</summary>
    public MonitorMode Mode => Options.Mode;

    /// <summary>Whether the best checkpoint is kept.</summary>
    public bool SaveBest => Options.SaveBest;

    /// <summary>The quantity "best" is judged by (resolved when training begins).</summary>
    public MonitoredQuantity Monitor { get; private set; }

    /// <summary>The best value so far (NaN before the first epoch).</summary>
    public double Best { get; private set; } = double.NaN;

    /// <summary>The epoch of <see cref="Best"/> (0 before the first).</summary>
    public int BestEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Monitor = Options.Monitor ?? (context.Options.Validation is null ? MonitoredQuantity.TrainLoss : MonitoredQuantity.ValidationLoss);
        bool isLoss = Monitor is MonitoredQuantity.TrainLoss or MonitoredQuantity.ValidationLoss;
        if (!isLoss && context.Options.Metric is null)
            throw new InvalidOperationException($"CheckpointCallback monitors {Monitor} but FitOptions.Metric is not set.");
        if (Monitor is MonitoredQuantity.ValidationLoss or MonitoredQuantity.ValidationMetric && context.Options.Validation is null)
            throw new InvalidOperationException($"CheckpointCallback monitors {Monitor} but FitOptions.Validation is not set.");
        _lowerIsBetter = Mode switch
        {
            MonitorMode.Min => true,
            MonitorMode.Max => false,
            _ => isLoss || !(context.Options.Metric?.HigherIsBetter ?? true),
        };
        (Best, BestEpoch, _lastSaved) = (double.NaN, 0, 0);
        // A resumed run continues a history: the best so far comes from its earlier records.
        foreach (var earlier in context.History.Epochs) Consider(earlier);
    }

    private bool Consider(EpochRecord record)
    {
        double value = record.Get(Monitor) ?? double.NaN;
        bool improved = !double.IsNaN(value) && (BestEpoch == 0 || (_lowerIsBetter ? value < Best : value > Best));
        if (improved) (Best, BestEpoch) = (value, record.Epoch);
        return improved;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(record);
        bool best = Consider(record) && SaveBest;
        if (record.Epoch % Options.Every != 0 && !best) return;
        Write(context, record.Epoch, last: record.Epoch % Options.Every == 0, best);
    }

    /// <inheritdoc/>
    /// <remarks>Writes the final state when the last epoch was not written (with <see cref="CheckpointOptions.Every"/>
    /// above 1), or always with <see cref="CheckpointOptions.WriteAtEnd"/>.</remarks>
    public override void OnTrainEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.History.Last is { } last && (last.Epoch != _lastSaved || Options.WriteAtEnd)) Write(context, last.Epoch, last: true, best: false);
    }

    private void Write(TrainingContext context, int epoch, bool last, bool best)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var writer = Checkpoint.CreateWriter(context.Model, context.Optimizer, context.Options.Schedule, context.History,
            Options.TrainLoader, Options.Generators, epoch, Options.Description, Options.Metadata);
        if (last)
        {
            AtomicFile.Write(LastPath, writer.WriteTo);
            _lastSaved = epoch;
        }
        if (best) AtomicFile.Write(BestPath, writer.WriteTo);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CheckpointCallback({Directory}, {Monitor}, best {Best} at epoch {BestEpoch})");
}
