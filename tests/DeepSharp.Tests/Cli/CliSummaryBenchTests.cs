using System.Text.Json;

namespace DeepSharp.Tests.Cli;

/// <summary>summary, bench and the decision-boundary comparison figure.</summary>
public sealed class CliSummaryBenchTests
{
    [Theory]
    // The lectures' networks: 784-15-10 has 11,935 parameters; 4-9-9-9-8 has 305
    // (8-9-9-9-4, the other way round, has 8·9+9 + 2·(9·9+9) + 9·4+4 = 301).
    [InlineData("784", "15", "10", "11,935")]
    [InlineData("4", "9,9,9", "8", "305")]
    [InlineData("8", "9,9,9", "4", "301")]
    public void SummaryCountsTheParameters(string input, string hidden, string classes, string total)
    {
        var result = CliRunner.Run("summary", "--model", "mlp", "--input-shape", input, "--hidden", hidden, "--classes", classes);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Total params: {total}", result.Out);
        Assert.Contains($"({total} parameters)", result.OutLines[0]);
        Assert.Contains($"Linear({input} -> {hidden.Split(',')[0]})", result.Out);
    }

    [Fact]
    public void SummaryOfTheResNetPresets()
    {
        var small = CliRunner.Run("summary", "--model", "resnet");
        Assert.Equal(0, small.ExitCode);
        Assert.Contains("Total params: 174,970", small.Out);
        Assert.Contains("BasicBlock(32 -> 64, stride=2)", small.Out);
        Assert.Contains("Total params: 11,172,810", CliRunner.Run("summary", "--model", "resnet", "--width", "64", "--blocks", "2,2,2,2").Out);
    }

    [Fact]
    public void SummaryOfLeNet5AndOfADatasetAndAsJson()
    {
        Assert.Contains("Total params: 61,706", CliRunner.Run("summary", "--model", "lenet5").Out);
        Assert.Contains("(N, 16, 5, 5)", CliRunner.Run("summary", "--model", "lenet5").Out);
        var fromData = CliRunner.Run("summary", "--dataset", "gaussians", "--hidden", "5");
        Assert.StartsWith("mlp: 2 -> 3 (33 parameters)", fromData.OutLines[0]);
        var json = CliRunner.Run("summary", "--model", "perceptron", "--input-shape", "784", "--json").JsonLines().Single();
        Assert.Equal(7850, json.GetProperty("totalParameters").GetInt64());
        Assert.Equal("perceptron", json.GetProperty("model").GetString());
    }

    [Fact]
    public void SummaryOfAJsonModelUsesItsInputShape()
    {
        string path = Path.Combine(CliRunner.TempDirectory(), "net.json");
        File.WriteAllText(path, """{"input": [3], "layers": [{"type": "Linear", "in": 3, "out": 5}, {"type": "Tanh"}, {"type": "Linear", "in": 5, "out": 2}]}""");
        var result = CliRunner.Run("summary", "--model", path);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("net.json: 3 -> 2 (32 parameters)", result.OutLines[0]);
        CliRunner.AssertUsageError(CliRunner.Run("summary", "--model", path, "--input-shape", "4"), "model 'net.json' expects 3 inputs");
    }

    [Fact]
    public void BenchGemmJsonHasTheDocumentedFields()
    {
        // No --threads: the kernels' thread count is process-wide and other tests run in parallel.
        var result = CliRunner.Run("bench", "gemm", "--m", "33", "--k", "65", "--n", "17", "--seconds", "0.02", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.JsonLines().Single();
        Assert.Equal(33, json.GetProperty("m").GetInt32());
        Assert.Equal(65, json.GetProperty("k").GetInt32());
        Assert.Equal(17, json.GetProperty("n").GetInt32());
        Assert.Equal(DeepSharp.Backends.Cpu.Parallelism.MaxThreads, json.GetProperty("threads").GetInt32());
        double gflops = json.GetProperty("gflops").GetDouble();
        Assert.True(gflops > 0);
        Assert.Equal(gflops / json.GetProperty("peakGflops").GetDouble(), json.GetProperty("peakFraction").GetDouble(), 9);
        Assert.StartsWith("measured", json.GetProperty("peakSource").GetString());
    }

    [Fact]
    public void BenchGemmWithAStatedPeakAndAsText()
    {
        var json = CliRunner.Run("bench", "gemm", "--size", "48", "--seconds", "0.02", "--peak", "1000", "--json").JsonLines().Single();
        Assert.Equal(1000, json.GetProperty("peakGflops").GetDouble());
        Assert.Equal("--peak", json.GetProperty("peakSource").GetString());
        Assert.Equal(json.GetProperty("gflops").GetDouble() / 1000, json.GetProperty("peakFraction").GetDouble(), 12);
        var text = CliRunner.Run("bench", "gemm", "--size", "48", "--seconds", "0.02", "--peak", "1000");
        Assert.StartsWith("sgemm 48 x 48 x 48, ", text.OutLines[0]);
        Assert.Contains("GFLOP/s", text.OutLines[0]);
        Assert.Contains("given by --peak", text.OutLines[1]);
    }

    [Fact]
    public void BenchTrainTimesAnEpoch()
    {
        var json = CliRunner.Run("bench", "train", "--dataset", "moons", "--samples", "200", "--json").JsonLines().Single();
        Assert.Equal("mlp", json.GetProperty("model").GetString());
        Assert.Equal(1, json.GetProperty("epochs").GetInt32());
        Assert.True(json.GetProperty("secondsPerEpoch").GetDouble() > 0);
        Assert.True(json.GetProperty("samplesPerSecond").GetDouble() > 0);
        Assert.Equal(100, json.GetProperty("testSamples").GetInt32());
        Assert.InRange(json.GetProperty("testAccuracy").GetDouble(), 0, 1);
    }

    [Fact]
    public void DecisionBoundariesOfSeveralDepthsSideBySide()
    {
        string dir = CliRunner.TempDirectory();
        string png = Path.Combine(dir, "db.png");
        var result = CliRunner.Run("plot", "--decision-boundaries", "1,2", "--dataset", "xor", "--samples", "200", "--epochs", "3", "--out", png);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("1 hidden layer of 8: test accuracy ", result.OutLines[0]);
        Assert.StartsWith("2 hidden layers of 8: test accuracy ", result.OutLines[1]);
        var image = CliTrainTests.PngDecoderCheck(png);
        Assert.True(image.Width > 2 * 460, $"two panels side by side expected, width {image.Width}");
        var widths = CliRunner.Run("plot", "--decision-boundaries", "3", "--vary", "width", "--dataset", "moons", "--samples", "100",
            "--epochs", "2", "--out", Path.Combine(dir, "w.svg"));
        Assert.Equal(0, widths.ExitCode);
        Assert.StartsWith("3 hidden neurons: ", widths.OutLines[0]);
        Assert.NotNull(System.Xml.Linq.XDocument.Load(Path.Combine(dir, "w.svg")).Root);
        string csv = CliTrainTests.WriteCsv(dir, "table.csv", 20, 1);
        CliRunner.AssertUsageError(CliRunner.Run("plot", "--decision-boundaries", "2", "--dataset", "csv:" + csv, "--label-column", "kind"),
            "decision boundaries need points with 2 features", "has 3.");
    }
}
