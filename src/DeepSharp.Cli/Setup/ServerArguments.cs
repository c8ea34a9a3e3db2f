using System.Net;
using DeepSharp.Lab;

namespace DeepSharp.Cli.Setup;

/// <summary>The --host / --port options of the commands that start a web page, and serving until Ctrl-C.</summary>
internal static class ServerArguments
{
    public static OptionSpec Host { get; } = new("host", "Address to listen on (default 127.0.0.1: this machine only)", ValueName: "ADDRESS");

    public static OptionSpec Port(int fallback, string name = "port") => new(name, $"TCP port (default {fallback}; 0 picks a free one)", ValueName: "N");

    /// <summary>Server options from the command line.</summary>
    public static LabServerOptions Options(ParsedArguments args, int defaultPort, string portOption = "port")
    {
        string host = args.GetString("host", "127.0.0.1")!;
        if (LabServerOptions.ParseHost(host) is null)
            throw new CliUsageException($"--host expects an IP address such as 127.0.0.1 or 'localhost', got '{host}'.");
        return new LabServerOptions { Host = host, Port = args.GetInt(portOption, defaultPort, 0, 65535) };
    }

    /// <summary>Starts the server, says where it is, and returns it.</summary>
    public static LabServer Start(LabServerOptions options, CliContext context, string what)
    {
        var server = LabServer.StartAsync(options, context.Cancellation).GetAwaiter().GetResult();
        if (!IPAddress.IsLoopback(LabServerOptions.ParseHost(options.Host)!))
            context.Error.WriteLine($"deepsharp: warning: {what} listens on {options.Host}: other machines can reach it.");
        return server;
    }

    /// <summary>Serves until Ctrl-C.</summary>
    public static int ServeUntilCancelled(LabServer server, CliContext context)
    {
        context.Cancellation.WaitHandle.WaitOne();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        context.Out.WriteLine("stopped.");
        return 0;
    }
}
