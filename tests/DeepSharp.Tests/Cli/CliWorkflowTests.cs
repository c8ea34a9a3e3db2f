using DeepSharp.Training;
using System.Globalization;
using System.Text.Json;
using DeepSharp.Tests.Plotting;

namespace DeepSharp.Tests.Cli;

/// <summary>evaluate, predict and plot on the files a training run wrote.</summary>
public sealed class CliWorkflowTests(TrainedRunFixture run) : IClassFixture<TrainedRunFixture>
{
    [Fact]
    public void EvaluatePrintsLossAccuracyConfusionMatrixAndPerClassFigures()
    {
        var result = CliRunner.Run("evaluate", "--checkpoint", run.Checkpoint);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("mlp (4,547 parameters, trained on gaussians) on gaussians, test split: 300 samples", result.OutLines[0]);
        Assert.Matches(@"^loss \d\.\d{4}  accuracy \d\.\d{4}$", result.OutLines[1]);
        Assert.Contains("confusion matrix (rows: true class, columns: predicted class)", result.Out);
        Assert.Contains("precision     recall         f1    support", result.Out);
        // Three class rows in each table; each class has 100 test samples.
        Assert.Equal(3, result.OutLines.Count(l => l.EndsWith(" 100", StringComparison.Ordinal) && l.Contains('.')));
    }

    [Fact]
    public void EvaluateJsonHasLossAccuracyAndSamplesMatchingTheText()
    {
        var json = CliRunner.Run("evaluate", "--checkpoint", run.Dir, "--json").JsonLines().Single();
        Assert.Equal(300, json.GetProperty("samples").GetInt32());
        double accuracy = json.GetProperty("accuracy").GetDouble();
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
        Assert.True(json.GetProperty("loss").GetDouble() > 0);
        Assert.Equal(3, json.GetProperty("precision").GetArrayLength());
        string text = CliRunner.Run("evaluate", "--checkpoint", run.Dir).OutLines[1];
        Assert.Contains(accuracy.ToString("F4", CultureInfo.InvariantCulture), text);
        // The training split is larger; evaluate can plot its confusion matrix too.
        string plot = Path.Combine(run.Root, "cm.svg");
        var train = CliRunner.Run("evaluate", "--checkpoint", run.Dir, "--split", "train", "--json", "--plot", plot).JsonLines().Single();
        Assert.Equal(600, train.GetProperty("samples").GetInt32());
        Assert.Equal("train", train.GetProperty("split").GetString());
        Assert.NotNull(System.Xml.Linq.XDocument.Parse(File.ReadAllText(plot)).Root);
    }

    [Fact]
    public void TheRunCheckpointIsALibraryCheckpointReadyToResume()
    {
        var checkpoint = DeepSharp.Training.Checkpoint.Load(run.Checkpoint);
        Assert.Equal(8, checkpoint.Epoch);
        Assert.Equal(8, checkpoint.HistoryRecords.Count);
        Assert.Equal("Adam", checkpoint.OptimizerType);
        Assert.Equal("CosineSchedule", checkpoint.ScheduleType);
        Assert.NotNull(checkpoint.LoaderEpoch);
        Assert.Equal([2], checkpoint.Description!.InputShape);
        Assert.Equal(4547, checkpoint.BuildModel().ParameterCount);
        Assert.Equal("[\"0\",\"1\",\"2\"]", checkpoint.Metadata["deepsharp.cli.classes"]);
    }

    [Fact]
    public void AWeightsFileSavedByTheLibraryCanBeEvaluatedToo()
    {
        var model = DeepSharp.Training.Checkpoint.Load(run.Checkpoint).BuildModel();
        string weights = Path.Combine(run.Root, "weights.safetensors");
        DeepSharp.Serialization.ModuleSerialization.Save(model, weights);
        var fromWeights = CliRunner.Run("evaluate", "--checkpoint", weights, "--dataset", "gaussians", "--json").JsonLines().Single();
        var fromCheckpoint = CliRunner.Run("evaluate", "--checkpoint", run.Checkpoint, "--json").JsonLines().Single();
        Assert.Equal(fromCheckpoint.GetProperty("accuracy").GetDouble(), fromWeights.GetProperty("accuracy").GetDouble());
        Assert.Equal(fromCheckpoint.GetProperty("loss").GetDouble(), fromWeights.GetProperty("loss").GetDouble(), 12);
    }

    [Fact]
    public void PredictWritesClassAndProbabilitiesPerRow()
    {
        string input = Path.Combine(run.Root, "points.csv");
        File.WriteAllText(input, "x,y\n3,0\n-1.5,2.6\n-1.5,-2.6\n");
        var result = CliRunner.Run("predict", "--checkpoint", run.Checkpoint, "--input", input);
        Assert.Equal(0, result.ExitCode);
        var lines = result.OutLines;
        Assert.Equal("row,predicted,label,p_0,p_1,p_2", lines[0]);
        Assert.Equal(4, lines.Length);
        for (int r = 0; r < 3; r++)
        {
            var cells = lines[r + 1].Split(',');
            // The clouds are centred at angles 0, 120 and 240 degrees on a circle of radius 3.
            Assert.Equal(r.ToString(CultureInfo.InvariantCulture), cells[1]);
            double[] p = cells[3..].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(1.0, p.Sum(), 4);
            Assert.Equal(r, Array.IndexOf(p, p.Max()));
        }
        string output = Path.Combine(run.Root, "pred.csv");
        var toFile = CliRunner.Run("predict", "--checkpoint", run.Checkpoint, "--input", input, "--output", output);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal("", toFile.Out);
        Assert.Equal(result.Out, File.ReadAllText(output));
    }

    [Fact]
    public void PredictRejectsInputOfTheWrongWidthAndMissingFiles()
    {
        string input = Path.Combine(run.Root, "wide.csv");
        File.WriteAllText(input, "a,b,c\n1,2,3\n");
        CliRunner.AssertUsageError(CliRunner.Run("predict", "--checkpoint", run.Checkpoint, "--input", input),
            "model 'mlp' expects 2 inputs but input file 'wide.csv' has 3 features");
        CliRunner.AssertUsageError(CliRunner.Run("predict", "--checkpoint", run.Checkpoint), "--input <csv|idx file> is required");
        CliRunner.AssertUsageError(CliRunner.Run("predict", "--checkpoint", run.Checkpoint, "--input", "/nonexistent.csv"), "'/nonexistent.csv' does not exist");
    }

    [Fact]
    public void CorruptCheckpointIsAUsageError()
    {
        string bad = Path.Combine(run.Root, "bad.safetensors");
        byte[] bytes = File.ReadAllBytes(run.Checkpoint);
        File.WriteAllBytes(bad, bytes[..(bytes.Length / 2)]);
        CliRunner.AssertUsageError(CliRunner.Run("evaluate", "--checkpoint", bad), "bad.safetensors");
    }

    [Fact]
    public void PlotHistoryWritesPngAndSvgCurves()
    {
        string history = Path.Combine(run.Dir, "history.csv");
        string png = Path.Combine(run.Root, "curves-again.png");
        var result = CliRunner.Run("plot", "--history", history, "--out", png, "--title", "again");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(8 epochs)", result.Out);
        var image = CliTrainTests.PngDecoderCheck(png);
        string svg = Path.Combine(run.Root, "curves-again.svg");
        Assert.Equal(0, CliRunner.Run("plot", "--history", history, "--out", svg, "--title", "again").ExitCode);
        PlotAssert.ValidSvg(File.ReadAllText(svg), image.Width, image.Height);
    }

    [Fact]
    public void PlotHistoryRejectsAFileThatIsNotAHistory()
    {
        string path = Path.Combine(run.Root, "not-history.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        CliRunner.AssertUsageError(CliRunner.Run("plot", "--history", path), "expected the header");
    }

    [Fact]
    public void RunDirectoryFilesAreValidImages()
    {
        foreach (string name in new[] { "curves.png", "decision-boundary.png" })
            CliTrainTests.PngDecoderCheck(Path.Combine(run.Dir, name));
    }
}
