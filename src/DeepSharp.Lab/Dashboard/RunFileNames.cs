using System.Globalization;

namespace DeepSharp.Lab.Dashboard;

/// <summary>The files of a run folder the dashboard reads: what <c>deepsharp train</c> writes, and the
/// frames <see cref="DashboardRecorder"/> adds under <c>dashboard/</c>.</summary>
public static class RunFileNames
{
    /// <summary>The per-epoch history (<see cref="DeepSharp.Training.CsvLogger"/>).</summary>
    public const string History = "history.csv";

    /// <summary>The checkpoint.</summary>
    public const string Checkpoint = "checkpoint.safetensors";

    /// <summary>What the recorder knows of the run (data set, classes, 2-D points).</summary>
    public const string Info = "dashboard/run.json";

    /// <summary>The pictures train writes at the end of a run, which the dashboard shows for runs recorded without frames.</summary>
    public static IReadOnlyList<string> Pictures { get; } = ["curves.png", "decision-boundary.png", "confusion-matrix.png", "misclassified.png"];

    /// <summary>The frame of epoch <paramref name="epoch"/>.</summary>
    public static string Frame(int epoch) => string.Create(CultureInfo.InvariantCulture, $"dashboard/epoch-{epoch:D5}.json");

    /// <summary>The epochs that have frames in <paramref name="runDirectory"/>, ascending.</summary>
    public static int[] FrameEpochs(string runDirectory)
    {
        var dir = new DirectoryInfo(Path.Combine(runDirectory, "dashboard"));
        if (!dir.Exists || dir.LinkTarget is not null) return [];
        var epochs = new List<int>();
        foreach (var file in dir.EnumerateFiles("epoch-*.json"))
            if (file.Name.Length == "epoch-00000.json".Length
                && int.TryParse(file.Name.AsSpan(6, 5), NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
                epochs.Add(epoch);
        epochs.Sort();
        return [.. epochs];
    }
}
