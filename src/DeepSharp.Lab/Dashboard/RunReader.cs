using System.Globalization;
using System.Text.Json;
using DeepSharp.Lab.Web;
using DeepSharp.Training;

namespace DeepSharp.Lab.Dashboard;

/// <summary>Reads a run folder into a <see cref="RunState"/>: the history through <see cref="History.LoadCsv"/>, the recorder's files, the pictures present.</summary>
public static class RunReader
{
    /// <summary>A run is shown as running while its history changed within this time (when no recorder says otherwise).</summary>
    public static readonly TimeSpan RunningWindow = TimeSpan.FromSeconds(30);

    /// <summary>The state of the run in <paramref name="directory"/> (already resolved by <see cref="RunCatalog"/>).</summary>
    public static RunState Read(string name, string directory)
    {
        var historyFile = RunCatalog.File(directory, RunFileNames.History);
        var checkpoint = RunCatalog.File(directory, RunFileNames.Checkpoint);
        var written = historyFile?.LastWriteTimeUtc ?? checkpoint?.LastWriteTimeUtc ?? Directory.GetLastWriteTimeUtc(directory);
        RunHistory history = RunHistory.Empty;
        string? error = null;
        if (historyFile is not null)
        {
            try
            {
                history = Convert(History.LoadCsv(historyFile.FullName, "accuracy"));
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                error = $"history.csv: {e.Message}";
            }
        }
        var info = ReadJson<RunInfo>(directory, RunFileNames.Info);
        bool recent = DateTime.UtcNow - written < RunningWindow;
        string status = info is not null ? (info.Status == "running" && recent ? "running" : "finished") : recent ? "running" : "finished";
        var pictures = RunFileNames.Pictures.Where(p => RunCatalog.File(directory, p) is not null).ToArray();
        return new RunState(name, status, written.ToString("O", CultureInfo.InvariantCulture), history, RunFileNames.FrameEpochs(directory),
            pictures, checkpoint is not null, info, error);
    }

    /// <summary>A JSON file of the run folder, or null when absent, too large or not valid.</summary>
    public static T? ReadJson<T>(string directory, string fileName) where T : class
    {
        var file = RunCatalog.File(directory, fileName);
        if (file is null) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(file.FullName), LabJson.Options);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    private static RunHistory Convert(History h) => new(
        [.. h.Epochs.Select(e => e.Epoch)], [.. h.Epochs.Select(e => e.TrainLoss)], [.. h.Epochs.Select(e => e.TrainMetric)],
        [.. h.Epochs.Select(e => e.ValidationLoss)], [.. h.Epochs.Select(e => e.ValidationMetric)], [.. h.Epochs.Select(e => e.LearningRate)],
        [.. h.Epochs.Select(e => e.Seconds)]);
}
