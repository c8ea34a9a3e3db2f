using DeepSharp.Backends.Cpu;
using System.Globalization;
using System.Reflection;
using DeepSharp.Serialization;
using System.Text;

namespace DeepSharp.Cli;

/// <summary>Dispatches to the sub-commands and turns failures into one line on stderr and an exit code.</summary>
public static class CliApp
{
    /// <summary>Exit code for bad usage or bad input (unknown option, missing file, shape mismatch...).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure of distributed training (a rank died, MPI failed or timed out).</summary>
    public const int DistributedError = 3;

    /// <summary>Exit code for an unexpected internal failure.</summary>
    public const int InternalError = 1;

    /// <summary>The built-in commands.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } = CommandRegistry.All();

    /// <summary>The version string printed by <c>--version</c>.</summary>
    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static int Run(string[] args, CliContext context)
    {
        bool verbose = args.Contains("--verbose");
        var rest = args.Where(a => a != "--verbose").ToList();
        try
        {
            // --max-parameters raises the size limit of model descriptions for this command (a scope).
            using var limit = MaxParameters(rest) is { } max ? ModelDescription.AllowParameters(max) : null;
            if (rest.Count == 0 || rest[0] is "--help" or "-h" or "help")
            {
                context.Out.Write(GeneralHelp());
                return 0;
            }
            if (rest[0] is "--version" or "-v")
            {
                context.Out.WriteLine($"deepsharp {Version}");
                return 0;
            }
            var command = Commands.FirstOrDefault(c => c.Name == rest[0])
                ?? throw new CliUsageException($"unknown command '{rest[0]}'; accepted: {string.Join(", ", Commands.Select(c => c.Name))}. Run 'deepsharp --help'.");
            var words = rest.Skip(1).ToList();
            if (command is ICommandGroup group) (command, words) = SelectSubcommand(group, words);
            if (words.Contains("--help") || words.Contains("-h"))
            {
                context.Out.Write(CommandHelp(command));
                return 0;
            }
            int positional = (command as IPositionalCommand)?.MaxPositional ?? 0;
            var parsed = new ParsedArguments(command.Name, words, command.Options, positional);
            // --threads limits the kernels of this command only (a scope, not a process-wide setting).
            using var threads = parsed.Has("threads") ? CpuBackend.LimitThreads(parsed.GetInt("threads", 1, 1, 256)) : default;
            return command.Run(parsed, context);
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            context.Error.WriteLine($"deepsharp: error: {OneLine(ex.Message)}");
            if (verbose) context.Error.WriteLine(ex);
            return UsageError;
        }
        catch (DeepSharp.Distributed.DistributedException ex)
        {
            // A dead or failing rank: one line, and a distinct code so mpirun ends the job.
            context.Error.WriteLine($"deepsharp: distributed error: {OneLine(ex.Message)}");
            if (verbose) context.Error.WriteLine(ex);
            return DistributedError;
        }
        catch (OutOfMemoryException)
        {
            // What the input asked for did not fit in memory: the user's to change, not a bug.
            context.Error.WriteLine("deepsharp: error: out of memory: the model or data is too large for this machine (try fewer --samples, a smaller model or --batch-size).");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("deepsharp: cancelled.");
            return 130;
        }
        catch (Exception ex)
        {
            context.Error.WriteLine($"deepsharp: internal error: {ex.GetType().Name}: {OneLine(ex.Message)} (run with --verbose for details)");
            if (verbose) context.Error.WriteLine(ex);
            return InternalError;
        }
    }

    // "--max-parameters N" anywhere on the line: removed from the arguments, its value returned.
    private static long? MaxParameters(List<string> args)
    {
        int at = args.IndexOf("--max-parameters");
        if (at < 0) return null;
        if (at + 1 >= args.Count
            || !long.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long max) || max < 1 || max > long.MaxValue / 8)
            throw new CliUsageException($"option '--max-parameters' expects a positive number of parameters (default {ModelDescription.DefaultMaxParameters}), got '{(at + 1 < args.Count ? args[at + 1] : "")}'.");
        args.RemoveRange(at, 2);
        return max;
    }

    // "bench gemm --size 512": the first word picks the sub-command; alone or with --help, the group's help lists them.
    private static (ICommand, List<string>) SelectSubcommand(ICommandGroup group, List<string> words)
    {
        string accepted = string.Join(", ", group.Subcommands.Select(c => c.Name.Split(' ')[^1]));
        if (words.Count == 0 || words[0].StartsWith('-'))
        {
            if (words.Contains("--help") || words.Contains("-h")) return (group, ["--help"]);
            throw new CliUsageException($"'{group.Name}' needs a sub-command; accepted: {accepted}. Run 'deepsharp {group.Name} --help'.");
        }
        var sub = group.Subcommands.FirstOrDefault(c => c.Name.Split(' ')[^1] == words[0])
            ?? throw new CliUsageException($"unknown '{group.Name}' sub-command '{words[0]}'; accepted: {accepted}.");
        return (sub, words.Skip(1).ToList());
    }

    /// <summary>Failures caused by what the user asked for or gave, rather than by a bug.</summary>
    private static bool IsUserError(Exception ex) => ex is CliUsageException or ArgumentException or IOException
        or UnauthorizedAccessException or FormatException or NotSupportedException
        || ex.GetType().Name is "DataFormatException" or "ModelFormatException" or "TrainingDivergedException";

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static string GeneralHelp()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"deepsharp {Version}: train, evaluate and inspect neural networks.");
        sb.AppendLine();
        sb.AppendLine("Usage: deepsharp <command> [options]      (deepsharp <command> --help for its options)");
        sb.AppendLine();
        sb.AppendLine("Commands:");
        foreach (var c in Commands) sb.AppendLine($"  {c.Name,-10} {c.Summary}");
        sb.AppendLine();
        sb.AppendLine("Global options: --help, --version, --verbose (stack traces on errors),");
        sb.AppendLine($"  --max-parameters N (largest model a description may build; default {ModelDescription.DefaultMaxParameters:N0}, 1 GiB of float32)");
        return sb.ToString();
    }

    /// <summary>The help text of one command.</summary>
    public static string CommandHelp(ICommand command)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"deepsharp {command.Name}: {command.Summary}");
        if (command is IPositionalCommand p) sb.AppendLine($"Usage: deepsharp {command.Name} {p.PositionalUsage} [options]");
        if (command is ICommandGroup group)
        {
            sb.AppendLine();
            sb.AppendLine("Sub-commands:");
            foreach (var c in group.Subcommands) sb.AppendLine($"  {c.Name,-16} {c.Summary}");
            sb.AppendLine();
            sb.AppendLine($"Run 'deepsharp {command.Name} <sub-command> --help' for its options.");
            return sb.ToString();
        }
        sb.AppendLine();
        sb.AppendLine("Options:");
        foreach (var o in command.Options)
        {
            string left = o.IsFlag ? $"--{o.Name}" : $"--{o.Name} {o.ValueName}";
            sb.AppendLine($"  {left,-32} {o.Help}");
        }
        return sb.ToString();
    }
}
