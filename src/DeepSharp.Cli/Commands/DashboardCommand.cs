using DeepSharp.Cli.Setup;
using DeepSharp.Lab;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp dashboard [runs/]</c>: a live page of the training runs in a folder
/// (curves overlaid, confusion matrix, misclassified images, filters, decision boundary per epoch).</summary>
internal sealed class DashboardCommand : IPositionalCommand
{
    public const int DefaultPort = 6006;

    public string Name => "dashboard";

    public string Summary => "Show the runs of a folder (default runs/) live in the browser, TensorBoard style";

    public int MaxPositional => 1;

    public string PositionalUsage => "[RUNS]";

    public IReadOnlyList<OptionSpec> Options { get; } = [ServerArguments.Port(DefaultPort), ServerArguments.Host];

    public int Run(ParsedArguments args, CliContext context)
    {
        string root = args.Positional.Count > 0 ? args.Positional[0] : "runs";
        if (!Directory.Exists(root))
            throw new CliUsageException($"'dashboard': runs folder '{root}' does not exist; train first ('deepsharp train') or name the folder.");
        var options = ServerArguments.Options(args, DefaultPort) with { RunsRoot = root, StartPage = LabStartPage.Dashboard };
        var server = ServerArguments.Start(options, context, "the dashboard");
        context.Out.WriteLine($"DeepSharp dashboard of {Path.GetFullPath(root)} at {server.Url}  (Ctrl-C to stop)");
        context.Out.Flush();
        return ServerArguments.ServeUntilCancelled(server, context);
    }
}
