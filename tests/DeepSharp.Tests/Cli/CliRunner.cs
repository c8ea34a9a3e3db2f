using System.Text.Json;
using DeepSharp.Cli;

namespace DeepSharp.Tests.Cli;

/// <summary>The outcome of one in-process run of the command line.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every stdout line parsed as a JSON object (fails when a line is anything else).</summary>
    public List<JsonElement> JsonLines() => OutLines.Select(l =>
    {
        var element = JsonDocument.Parse(l).RootElement;
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        return element;
    }).ToList();
}

/// <summary>Runs <see cref="CliApp"/> in-process with captured output, and makes temporary directories.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => Run(args, CancellationToken.None);

    public static CliResult Run(string[] args, CancellationToken cancellation, TextWriter? output = null, bool terminal = false)
    {
        var stdout = output ?? new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, new CliContext(stdout, stderr, terminal, cancellation));
        return new CliResult(code, stdout.ToString() ?? "", stderr.ToString());
    }

    /// <summary>Asserts a usage error: exit code 2, nothing on stdout, one line on stderr containing every fragment, no stack trace.</summary>
    public static string AssertUsageError(CliResult result, params string[] fragments)
    {
        Assert.Equal(CliApp.UsageError, result.ExitCode);
        Assert.Equal("", result.Out);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("deepsharp: error: ", lines[0]);
        Assert.DoesNotContain("   at ", result.Error);
        foreach (string f in fragments) Assert.Contains(f, lines[0]);
        return lines[0];
    }

    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "deepsharp-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
