using DeepSharp.Training;

namespace DeepSharp.Cli.Output;

/// <summary>What a training run reports at the end.</summary>
/// <param name="History">The epochs run.</param>
/// <param name="Test">Loss and accuracy on the test split, or null without one.</param>
/// <param name="TotalSeconds">Wall-clock time of the whole run.</param>
/// <param name="Checkpoint">The checkpoint written.</param>
/// <param name="OutDir">The run directory.</param>
/// <param name="Files">The files written into it, by name.</param>
/// <param name="Cancelled">True when Ctrl-C stopped the run early.</param>
internal sealed record RunResult(History History, EvaluationResult? Test, double TotalSeconds, string Checkpoint, string OutDir,
    IReadOnlyList<string> Files, bool Cancelled);
