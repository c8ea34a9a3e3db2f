using DeepSharp.Cli;
using DeepSharp.Tests.Cli;

namespace DeepSharp.Tests.Hostile;

/// <summary>
/// Every file of the hostile-input corpus (tests/DeepSharp.Tests/Hostile/Corpus: the D1-D14 files of
/// issue 17 and their relatives) and every kept fuzz crasher (Fuzz/Crashers) run through each command
/// that reads its kind: the outcome is success or one line and exit 2, never an internal error (exit 1)
/// or a stack trace.
/// </summary>
public sealed class HostileCorpusTests : IDisposable
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Hostile", "Corpus");
    private static readonly string Crashers = Path.Combine(AppContext.BaseDirectory, "Fuzz", "Crashers");
    private readonly string _dir = CliRunner.TempDirectory();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string root in new[] { Root, Crashers })
            foreach (string path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(AppContext.BaseDirectory, path));
        return data;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void TheCorpusIsThere()
    {
        foreach (string kind in new[] { "models", "tables", "images", "checkpoints", "histories" })
            Assert.True(Directory.GetFiles(Path.Combine(Root, kind)).Length >= 5, kind);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void NoInternalErrors(string relative)
    {
        string path = Path.Combine(AppContext.BaseDirectory, relative);
        string valid = Path.Combine(Root, "checkpoints", "valid-tiny.safetensors");
        string features = Path.Combine(_dir, "two-features.csv");
        File.WriteAllText(features, "x,y\n0.5,0.25\n-1,2\n");
        string Out() => Path.Combine(_dir, "run-" + Guid.NewGuid().ToString("N")[..8]);
        string kind = Path.GetFileName(Path.GetDirectoryName(path))!;
        string[][] invocations = kind switch
        {
            "models" or "json" =>
            [
                ["summary", "--model", path],
                ["train", "--model", path, "--epochs", "1", "--samples", "40", "--quiet", "--out", Out()],
            ],
            "tables" or "csv" =>
            [
                ["train", "--dataset", "csv:" + path, "--epochs", "1", "--quiet", "--out", Out()],
                ["predict", "--checkpoint", valid, "--input", path],
            ],
            "images" or "idx" => [["predict", "--checkpoint", valid, "--input", path]],
            "checkpoints" or "safetensors" or "checkpoint" =>
            [
                ["evaluate", "--checkpoint", path],
                ["predict", "--checkpoint", path, "--input", features],
                ["train", "--resume", path, "--epochs", "3", "--samples", "60", "--quiet", "--out", Out()],
            ],
            "histories" => [["plot", "--history", path, "--out", Path.Combine(_dir, "curves.png")]],
            _ => throw new InvalidOperationException($"no commands for corpus folder '{kind}'"),
        };
        foreach (string[] args in invocations)
        {
            var result = CliRunner.Run(args);
            string what = $"deepsharp {string.Join(' ', args)} -> exit {result.ExitCode}: {result.Error}";
            Assert.True(result.ExitCode is 0 or CliApp.UsageError, what);
            Assert.DoesNotContain("internal error", result.Error);
            Assert.DoesNotContain("   at ", result.Error);
            if (result.ExitCode == CliApp.UsageError)
                Assert.True(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, what);
        }
    }
}
