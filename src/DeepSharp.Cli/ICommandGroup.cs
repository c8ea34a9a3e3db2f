namespace DeepSharp.Cli;

/// <summary>A command whose first word selects a sub-command (e.g. <c>bench gemm</c>); it parses
/// its own arguments, help included.</summary>
public interface ICommandGroup : ICommand
{
    /// <summary>The sub-commands, named "group sub" (e.g. <c>bench gemm</c>).</summary>
    IReadOnlyList<ICommand> Subcommands { get; }
}
