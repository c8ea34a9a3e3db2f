using DeepSharp.Data;
using DeepSharp.Optim;

namespace DeepSharp.Training;

/// <summary>Settings of <see cref="Trainer"/>.Fit; invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record FitOptions
{
    /// <summary>Maximum number of epochs (≥ 1; default 10).</summary>
    public int Epochs
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Epochs must be at least 1.");
    } = 10;

    /// <summary>Epochs already done, when resuming from a checkpoint (≥ 0; default 0): training runs
    /// epochs <c>InitialEpoch + 1</c> to <see cref="Epochs"/>, so schedules and data loaders see
    /// the same epoch numbers as in an uninterrupted run.</summary>
    public int InitialEpoch
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(InitialEpoch), value, "InitialEpoch must be non-negative.");
    }

    /// <summary>A history to continue (e.g. restored from a checkpoint), or null for a new one. New
    /// records are appended to it; its last epoch must equal <see cref="InitialEpoch"/>.</summary>
    public History? History { get; init; }

    /// <summary>Data evaluated after every epoch (validation loss and metric), or null.</summary>
    public DataLoader? Validation { get; init; }

    /// <summary>Callbacks, called in order.</summary>
    public IReadOnlyList<TrainingCallback> Callbacks { get; init => field = value ?? []; } = [];

    /// <summary>A learning-rate schedule applied at the start of each epoch, or null for a constant rate.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>A metric computed on training batches and on the validation data (e.g. <see cref="AccuracyMetric"/>), or null.</summary>
    public IMetric? Metric { get; init; }

    /// <summary>What to do with a non-finite batch loss.</summary>
    public NanPolicy NanPolicy { get; init; } = NanPolicy.Throw;

    /// <summary>Default of <see cref="DivergenceFactor"/>: 10^6.</summary>
    public const double DefaultDivergenceFactor = 1e6;

    /// <summary>The loss-explosion rule: training stops with <see cref="TrainingDivergedException"/> when an
    /// epoch's mean training loss exceeds this many times the first epoch's (of the history, so a resumed
    /// run compares with its first run), before the epoch is recorded or checkpointed; default
    /// <see cref="DefaultDivergenceFactor"/>, null to turn the rule off. Non-finite losses are
    /// <see cref="NanPolicy"/>'s concern.</summary>
    public double? DivergenceFactor
    {
        get;
        init => field = value is null or > 1 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(DivergenceFactor), value, "DivergenceFactor must be above 1 and finite.");
    } = DefaultDivergenceFactor;

    /// <summary>Stop when |L_t - L_{t-1}| of the training loss falls below this (&gt; 0), or null.</summary>
    public double? LossChangeTolerance
    {
        get;
        init => field = value is null or > 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(LossChangeTolerance), value, "LossChangeTolerance must be positive and finite.");
    }

    /// <summary>Stop once the metric (on validation data if given, else on training batches) reaches this
    /// value: at least it when higher is better, at most it otherwise. Needs <see cref="Metric"/>.</summary>
    public double? TargetMetric
    {
        get;
        init => field = value is null || double.IsFinite(value.Value) ? value : throw new ArgumentOutOfRangeException(nameof(TargetMetric), value, "TargetMetric must be finite.");
    }

    /// <summary>Clip the global gradient norm to this value before every step (&gt; 0), or null.</summary>
    public double? GradientClipNorm
    {
        get;
        init => field = value is null or > 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), value, "GradientClipNorm must be positive and finite.");
    }

    /// <summary>Cancels training between batches (Fit then throws <see cref="OperationCanceledException"/>).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Data-parallel training over several processes (gradients averaged after every backward
    /// pass, the loss and a mergeable metric reported over all ranks), or null for one process.
    /// The training loader should then visit this rank's shard (a <see cref="DataLoader"/> with a
    /// <see cref="DistributedSampler"/>); validation data is evaluated whole on every rank.</summary>
    public IDataParallel? DataParallel { get; init; }

    /// <summary>Receives progress after every training batch, or null.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }
}
