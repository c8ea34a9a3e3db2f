using DeepSharp.Data;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>What <see cref="CheckpointCallback"/> writes, where and when.</summary>
public sealed record CheckpointOptions
{
    /// <summary>Creates options writing into <paramref name="directory"/>.</summary>
    public CheckpointOptions(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The folder of the checkpoint files (created when missing).</summary>
    public string Directory { get; }

    /// <summary>The file holding the latest checkpoint; default <c>last.safetensors</c>.</summary>
    public string LastFileName { get; init => field = ValidName(value, nameof(LastFileName)); } = CheckpointCallback.LastFileName;

    /// <summary>The file holding the best checkpoint by <see cref="Monitor"/>; default <c>best.safetensors</c>.</summary>
    public string BestFileName { get; init => field = ValidName(value, nameof(BestFileName)); } = CheckpointCallback.BestFileName;

    /// <summary>Also keep the best epoch's checkpoint (default true).</summary>
    public bool SaveBest { get; init; } = true;

    /// <summary>What "best" means; default the validation loss when there is a validation set, else the training loss.</summary>
    public MonitoredQuantity? Monitor
    {
        get;
        init => field = value is { } m && !Enum.IsDefined(m) ? throw new ArgumentOutOfRangeException(nameof(Monitor), m, "Unknown monitored quantity.") : value;
    }

    /// <summary>Whether lower or higher is better; Auto: lower for losses, the metric's own direction otherwise.</summary>
    public MonitorMode Mode
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Mode), value, "Unknown monitor mode.");
    } = MonitorMode.Auto;

    /// <summary>Write every this many epochs (the last epoch is always written); default 1.</summary>
    public int Every
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Every), value, "Every must be at least 1.");
    } = 1;

    /// <summary>Write the latest checkpoint once more when training ends, with the model as the callbacks
    /// registered before this one left it (e.g. the best weights <see cref="EarlyStopping"/> restored);
    /// default false.</summary>
    public bool WriteAtEnd { get; init; }

    /// <summary>The training loader whose position fixes the next epoch's shuffle (for exact resume), or null.</summary>
    public DataLoader? TrainLoader { get; init; }

    /// <summary>Other generators to save by name, or null.</summary>
    public IReadOnlyDictionary<string, RandomGenerator>? Generators { get; init; }

    /// <summary>The architecture to store instead of the one derived from the model, or null.</summary>
    public ModelDescription? Description { get; init; }

    /// <summary>Extra metadata strings written into every checkpoint, in the same atomic write (e.g. class names).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    private static string ValidName(string value, string option) =>
        !string.IsNullOrEmpty(value) && value.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && value is not ("." or "..")
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be a plain file name.");
}
