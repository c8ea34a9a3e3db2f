namespace DeepSharp.Training;

/// <summary>Rewrites the history as CSV (atomically) after every epoch, so a crash loses at most the current epoch.</summary>
public sealed class CsvLogger : TrainingCallback
{
    /// <summary>Creates the logger writing to <paramref name="path"/>.</summary>
    public CsvLogger(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The CSV file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochRecord record) => context.History.SaveCsv(Path);
}
