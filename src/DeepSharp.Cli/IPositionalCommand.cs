namespace DeepSharp.Cli;

/// <summary>A command that takes plain words besides its options, e.g. <c>deepsharp dashboard runs/</c>.</summary>
public interface IPositionalCommand : ICommand
{
    /// <summary>The most plain words it accepts.</summary>
    int MaxPositional { get; }

    /// <summary>How help shows them, e.g. <c>[RUNS]</c>.</summary>
    string PositionalUsage { get; }
}
