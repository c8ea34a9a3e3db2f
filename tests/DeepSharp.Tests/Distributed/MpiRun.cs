using System.Diagnostics;
using DeepSharp.Cli;

namespace DeepSharp.Tests.Distributed;

/// <summary>Starts <c>deepsharp</c> under Open MPI's <c>mpirun</c> on this machine (as root too, with
/// more ranks than cores allowed), or skips when mpirun is not installed.</summary>
internal static class MpiRun
{
    public static string? Launcher { get; } = Find("mpirun");

    public static void SkipUnlessAvailable() => Skip.If(Launcher is null, "mpirun (Debian's openmpi-bin) is not installed");

    /// <summary>The mpirun arguments that run <paramref name="ranks"/> copies of the CLI with <paramref name="args"/>.</summary>
    public static List<string> Arguments(int ranks, IEnumerable<string> args) =>
        ["--oversubscribe", "--allow-run-as-root", "--bind-to", "none", "-np", ranks.ToString(), "dotnet", typeof(CliApp).Assembly.Location, .. args];

    public static Process Start(int ranks, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Launcher!, Arguments(ranks, args)) { RedirectStandardOutput = true, RedirectStandardError = true };
        return Process.Start(start)!;
    }

    /// <summary>Runs the job to the end (at most <paramref name="timeoutSeconds"/>).</summary>
    public static (int ExitCode, string Out, string Error) Run(int ranks, IEnumerable<string> args, int timeoutSeconds = 300)
    {
        using var process = Start(ranks, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"mpirun -np {ranks} did not finish within {timeoutSeconds} s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
