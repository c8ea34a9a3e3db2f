using System.Diagnostics;
using DeepSharp.Cli;

namespace DeepSharp.Tests.Cli;

/// <summary>The real executable, as a user runs it: <c>deepsharp train</c> with no options at all.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public void TrainWithNoOptionsWritesATimestampedRunDirectory()
    {
        string cwd = CliRunner.TempDirectory();
        string dll = typeof(CliApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "train"])
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "deepsharp train did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {stderr}");
        Assert.Equal("", stderr);
        var runs = Directory.GetDirectories(Path.Combine(cwd, "runs"));
        string run = Assert.Single(runs);
        Assert.Matches(@"^\d{8}-\d{6}$", Path.GetFileName(run));
        foreach (string file in new[] { "checkpoint.safetensors", "history.csv", "curves.png", "decision-boundary.png" })
            Assert.True(File.Exists(Path.Combine(run, file)), file + " missing");
        // Redirected output is not a terminal: plain lines, one per epoch.
        Assert.Contains("epoch 60/60", stdout);
        Assert.DoesNotContain("\u001b[", stdout);
        Assert.Contains("test accuracy ", stdout);
    }

    [Fact]
    public void UsageErrorsExitWith2FromTheProcessToo()
    {
        string dll = typeof(CliApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "train", "--dataset", "nope"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", stdout);
        Assert.Equal("deepsharp: error: Unknown dataset 'nope'; accepted: spirals, circles, xor, gaussians, moons, fashion-mnist, mnist-dir:<folder>, csv:<file>.", stderr.Trim());
    }
}
