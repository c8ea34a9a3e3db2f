using System.Globalization;
using DeepSharp.Data;
using DeepSharp.IO;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Serialization;

/// <summary>
/// Writes a <see cref="Checkpoint"/> to <c>last.safetensors</c> in a directory after every epoch,
/// and to <c>best.safetensors</c> whenever the monitored value improves; both atomically, so a
/// crash or kill at any moment leaves the previous complete files.
/// </summary>
/// <remarks>Each checkpoint holds the model, the optimizer, the schedule of the fit options, the
/// history so far and, when given, the training loader's position and named generators: what
/// exact resume needs. (It lives in Serialization, which may use Training, so that Training need
/// not know about file formats.)</remarks>
public sealed class CheckpointCallback : TrainingCallback
{
    /// <summary>The file name of the latest checkpoint.</summary>
    public const string LastFileName = "last.safetensors";

    /// <summary>The file name of the best checkpoint.</summary>
    public const string BestFileName = "best.safetensors";

    private readonly MonitoredQuantity? _requestedMonitor;
    private readonly DataLoader? _trainLoader;
    private readonly IReadOnlyDictionary<string, RandomGenerator>? _generators;
    private bool _lowerIsBetter;

    /// <summary>Creates the callback.</summary>
    /// <param name="directory">Where the files go (created if needed).</param>
    /// <param name="monitor">The value deciding "best"; null: validation loss when there is validation data, else training loss.</param>
    /// <param name="mode">Whether lower or higher is better; Auto: lower for losses, the metric's preference for metrics.</param>
    /// <param name="trainLoader">The training loader, whose position is saved for exact resume, or null.</param>
    /// <param name="generators">Named generators to save as well (see <see cref="Checkpoint.Capture"/>), or null.</param>
    /// <param name="saveBest">Whether to keep <c>best.safetensors</c>.</param>
    public CheckpointCallback(string directory, MonitoredQuantity? monitor = null, MonitorMode mode = MonitorMode.Auto,
        DataLoader? trainLoader = null, IReadOnlyDictionary<string, RandomGenerator>? generators = null, bool saveBest = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (monitor is { } m && !Enum.IsDefined(m)) throw new ArgumentOutOfRangeException(nameof(monitor), m, "Unknown monitored quantity.");
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown monitor mode.");
        Directory = directory;
        _requestedMonitor = monitor;
        Mode = mode;
        _trainLoader = trainLoader;
        _generators = generators;
        SaveBest = saveBest;
    }

    /// <summary>The directory holding the files.</summary>
    public string Directory { get; }

    /// <summary>The path of <c>last.safetensors</c>.</summary>
    public string LastPath => Path.Combine(Directory, LastFileName);

    /// <summary>The path of <c>best.safetensors</c>.</summary>
    public string BestPath => Path.Combine(Directory, BestFileName);

    /// <summary>The improvement direction.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Whether the best checkpoint is kept.</summary>
    public bool SaveBest { get; }

    /// <summary>The value watched (decided when training begins).</summary>
    public MonitoredQuantity Monitor { get; private set; }

    /// <summary>The best monitored value so far, including the records of a continued history (NaN before the first epoch).</summary>
    public double Best { get; private set; } = double.NaN;

    /// <summary>The epoch of <see cref="Best"/>, 0 before the first.</summary>
    public int BestEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Monitor = _requestedMonitor ?? (context.Options.Validation is null ? MonitoredQuantity.TrainLoss : MonitoredQuantity.ValidationLoss);
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
        (Best, BestEpoch) = (double.NaN, 0);
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
        var writer = Checkpoint.CreateWriter(context.Model, context.Optimizer, context.Options.Schedule, context.History,
            _trainLoader, _generators, record.Epoch, description: null);
        AtomicFile.Write(LastPath, writer.WriteTo);
        if (Consider(record) && SaveBest) AtomicFile.Write(BestPath, writer.WriteTo);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CheckpointCallback({Directory}, {Monitor}, best {Best} at epoch {BestEpoch})");
}
