namespace DeepSharp.Cli;

/// <summary>One <c>deepsharp</c> sub-command.</summary>
public interface ICommand
{
    /// <summary>The word that selects it, e.g. <c>train</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The options it accepts.</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    int Run(ParsedArguments args, CliContext context);
}
