namespace DeepSharp.Lab.Dashboard;

/// <summary>A run as the dashboard lists and plots it.</summary>
/// <param name="Name">The run folder's name.</param>
/// <param name="Status">running (written to recently, or its recorder says so) or finished.</param>
/// <param name="Updated">When history.csv (or the checkpoint) was last written, ISO 8601 UTC.</param>
/// <param name="History">The curves, one entry per epoch.</param>
/// <param name="FrameEpochs">Epochs with recorded frames (<c>train --dashboard</c>).</param>
/// <param name="Pictures">The pictures train wrote at the end that are present.</param>
/// <param name="HasCheckpoint">Whether the checkpoint exists (filters can be read from it).</param>
/// <param name="Info">What the recorder wrote of the run, or null.</param>
/// <param name="Error">Why the history could not be read, or null.</param>
public sealed record RunState(string Name, string Status, string Updated, RunHistory History, int[] FrameEpochs, string[] Pictures,
    bool HasCheckpoint, RunInfo? Info, string? Error);

/// <summary>The per-epoch curves of a run (null where not measured).</summary>
/// <param name="Epoch">Epoch numbers.</param>
/// <param name="TrainLoss">Training loss.</param>
/// <param name="TrainMetric">Training accuracy.</param>
/// <param name="ValidationLoss">Validation loss.</param>
/// <param name="ValidationMetric">Validation accuracy.</param>
/// <param name="LearningRate">Learning rate.</param>
/// <param name="Seconds">Epoch duration.</param>
public sealed record RunHistory(int[] Epoch, double[] TrainLoss, double?[] TrainMetric, double?[] ValidationLoss, double?[] ValidationMetric,
    double[] LearningRate, double[] Seconds)
{
    /// <summary>No epochs.</summary>
    public static RunHistory Empty { get; } = new([], [], [], [], [], [], []);
}
