namespace DeepSharp.Training;

/// <summary>Calls a save action every <see cref="Every"/> epochs and after the last epoch; the file
/// format is the caller's (e.g. the serialization layer's checkpoint writer).</summary>
public sealed class CheckpointHook : TrainingCallback
{
    private readonly Action<int, History> _save;
    private int _lastSaved;

    /// <summary>Creates the hook.</summary>
    /// <param name="save">Receives the epoch just finished (from 1) and the history so far.</param>
    /// <param name="every">Save every this many epochs (≥ 1).</param>
    public CheckpointHook(Action<int, History> save, int every = 1)
    {
        ArgumentNullException.ThrowIfNull(save);
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "every must be at least 1.");
        _save = save;
        Every = every;
    }

    /// <summary>Epochs between saves.</summary>
    public int Every { get; }

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context) => _lastSaved = 0;

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (record.Epoch % Every != 0) return;
        _save(record.Epoch, context.History);
        _lastSaved = record.Epoch;
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (context.History.Last is { } last && last.Epoch != _lastSaved)
        {
            _save(last.Epoch, context.History);
            _lastSaved = last.Epoch;
        }
    }
}
