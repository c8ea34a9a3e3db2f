using DeepSharp.Cli;

namespace DeepSharp.Lab.Tests;

/// <summary>Runs the deepsharp command line in-process, capturing its output.</summary>
public static class TestConsole
{
    public static (int Code, string Out, string Error) Run(CancellationToken cancellation, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, new CliContext(TextWriter.Synchronized(output), TextWriter.Synchronized(error), false, cancellation));
        return (code, output.ToString(), error.ToString());
    }

    public static (int Code, string Out, string Error) Run(params string[] args) => Run(CancellationToken.None, args);
}
