namespace DeepSharp.Cli;

/// <summary>A mistake in how the command was called or what it was given (exit code 2, one line on stderr).</summary>
public sealed class CliUsageException(string message) : Exception(message);
