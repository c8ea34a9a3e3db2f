namespace DeepSharp.Cli;

/// <summary>Where a command writes, whether stdout is a terminal, and the Ctrl-C token.</summary>
/// <param name="Out">Standard output (results, JSON lines).</param>
/// <param name="Error">Standard error (errors, warnings).</param>
/// <param name="IsTerminal">True when stdout is an interactive terminal (live progress bars allowed).</param>
/// <param name="Cancellation">Signalled by Ctrl-C: training stops after the current batch.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, bool IsTerminal, CancellationToken Cancellation);
