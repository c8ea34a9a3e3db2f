using DeepSharp.Cli.Setup;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp lab</c>: a local web page where a small network learns a toy data set live,
/// trained by the library on this machine, with the backprop walk of any sample.</summary>
internal sealed class LabCommand : ICommand
{
    public const int DefaultPort = 8050;

    public string Name => "lab";

    public string Summary => "Open DeepSharp Lab: watch a network learn in the browser, deltas and all";

    public IReadOnlyList<OptionSpec> Options { get; } = [ServerArguments.Port(DefaultPort), ServerArguments.Host];

    public int Run(ParsedArguments args, CliContext context)
    {
        var options = ServerArguments.Options(args, DefaultPort);
        var server = ServerArguments.Start(options, context, "the lab");
        context.Out.WriteLine($"DeepSharp Lab at {server.Url}  (Ctrl-C to stop)");
        context.Out.Flush();
        return ServerArguments.ServeUntilCancelled(server, context);
    }
}
