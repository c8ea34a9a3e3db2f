namespace DeepSharp.Cli;

/// <summary>One accepted option of a command.</summary>
/// <param name="Name">Long name without dashes, e.g. <c>epochs</c>.</param>
/// <param name="Help">One-line description for --help.</param>
/// <param name="IsFlag">True for switches that take no value.</param>
/// <param name="ValueName">Placeholder shown in help, e.g. <c>N</c>.</param>
public sealed record OptionSpec(string Name, string Help, bool IsFlag = false, string ValueName = "VALUE");
