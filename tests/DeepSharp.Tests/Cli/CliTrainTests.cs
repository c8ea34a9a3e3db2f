using System.Globalization;
using System.Text.Json;
using DeepSharp.Data;
using DeepSharp.Tests.Plotting;
using DeepSharp.Training;

namespace DeepSharp.Tests.Cli;

/// <summary><c>deepsharp train</c>: the default run, the output modes, Ctrl-C, and the non-toy datasets.</summary>
public sealed class CliTrainTests
{
    [Fact]
    public void DefaultTrainingLearnsTheSpiralsAndWritesTheFourFiles()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");
        var result = CliRunner.Run("train", "--out", dir);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        foreach (string file in new[] { "checkpoint.safetensors", "history.csv", "curves.png", "decision-boundary.png" })
            Assert.True(File.Exists(Path.Combine(dir, file)), file + " missing");
        var lines = result.OutLines;
        Assert.StartsWith("training mlp (4,482 parameters) on spirals: 720 train, 80 validation, 400 test samples", lines[0]);
        Assert.Equal(60, lines.Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));
        string final = lines.Single(l => l.StartsWith("test accuracy ", StringComparison.Ordinal));
        double accuracy = double.Parse(final.Split(' ')[2], CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.95, $"default run reached only {accuracy} test accuracy");
        Assert.Contains(lines, l => l.StartsWith("wrote ", StringComparison.Ordinal) && l.Contains("curves.png") && l.Contains("decision-boundary.png"));
        Assert.Equal(60, History.LoadCsv(Path.Combine(dir, "history.csv")).Count);
        var curves = PngDecoderCheck(Path.Combine(dir, "curves.png"));
        Assert.True(curves.Width > 800 && curves.Height > 300);
        PngDecoderCheck(Path.Combine(dir, "decision-boundary.png"));
    }

    [Fact]
    public void JsonModePrintsOnlyJsonLinesWithTheDocumentedFields()
    {
        string dir = CliRunner.TempDirectory();
        var result = CliRunner.Run("train", "--dataset", "moons", "--epochs", "3", "--json", "--out", dir);
        Assert.Equal(0, result.ExitCode);
        var objects = result.JsonLines();
        Assert.Equal(4, objects.Count);
        for (int e = 0; e < 3; e++)
        {
            var o = objects[e];
            Assert.Equal(e + 1, o.GetProperty("epoch").GetInt32());
            foreach (string field in new[] { "trainLoss", "trainAccuracy", "valLoss", "valAccuracy", "learningRate", "seconds" })
                Assert.Equal(JsonValueKind.Number, o.GetProperty(field).ValueKind);
            Assert.InRange(o.GetProperty("trainAccuracy").GetDouble(), 0, 1);
        }
        var final = objects[3];
        Assert.True(final.GetProperty("final").GetBoolean());
        Assert.Equal(3, final.GetProperty("epochs").GetInt32());
        Assert.InRange(final.GetProperty("testAccuracy").GetDouble(), 0, 1);
        Assert.True(final.GetProperty("testLoss").GetDouble() > 0);
        Assert.True(final.GetProperty("totalSeconds").GetDouble() > 0);
        Assert.Equal(Path.Combine(dir, "checkpoint.safetensors"), final.GetProperty("checkpoint").GetString());
        Assert.True(File.Exists(final.GetProperty("checkpoint").GetString()));
    }

    [Fact]
    public void WithoutValidationTheValidationFieldsAreNullAndWithoutTestSplitTheTestFieldsToo()
    {
        string dir = CliRunner.TempDirectory();
        string csv = WriteCsv(dir, "train.csv", 120, 1);
        var result = CliRunner.Run("train", "--dataset", "csv:" + csv, "--label-column", "1", "--epochs", "2", "--validation-split", "0", "--json", "--out", Path.Combine(dir, "run"));
        Assert.Equal(0, result.ExitCode);
        var objects = result.JsonLines();
        Assert.Equal(JsonValueKind.Null, objects[0].GetProperty("valLoss").ValueKind);
        Assert.Equal(JsonValueKind.Null, objects[0].GetProperty("valAccuracy").ValueKind);
        Assert.Equal(JsonValueKind.Null, objects[^1].GetProperty("testAccuracy").ValueKind);
        Assert.True(File.Exists(Path.Combine(dir, "run", "confusion-matrix.png")));
    }

    [Fact]
    public void QuietPrintsOnlyTheFinalResult()
    {
        var result = CliRunner.Run("train", "--dataset", "xor", "--epochs", "2", "--quiet", "--out", CliRunner.TempDirectory());
        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.OutLines);
        Assert.StartsWith("test accuracy ", result.OutLines[0]);
    }

    [Fact]
    public void OnATerminalTheLiveProgressEndsWithTheEpochLinesAndTheResult()
    {
        var result = CliRunner.Run(["train", "--dataset", "circles", "--epochs", "2", "--out", CliRunner.TempDirectory()], CancellationToken.None, terminal: true);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("epoch 1/2", result.Out);
        Assert.Contains("epoch 2/2", result.Out);
        Assert.Contains("test accuracy ", result.Out);
    }

    [Fact]
    public void CtrlCStopsAfterTheCurrentBatchAndKeepsWhatWasWritten()
    {
        string dir = CliRunner.TempDirectory();
        using var cts = new CancellationTokenSource();
        // Cancel as soon as epoch 2 is reported: training stops inside epoch 3.
        var output = new TriggerWriter(" 2/50  train loss", cts.Cancel);
        var result = CliRunner.Run(["train", "--epochs", "50", "--out", dir], cts.Token, output);
        Assert.Equal(130, result.ExitCode);
        Assert.Contains("stopped: cancelled (Ctrl-C)", result.Out);
        Assert.Equal(2, History.LoadCsv(Path.Combine(dir, "history.csv")).Count);
        Assert.True(File.Exists(Path.Combine(dir, "checkpoint.safetensors")));
        PngDecoderCheck(Path.Combine(dir, "curves.png"));
        // The checkpoint of epoch 2 is complete and loads.
        Assert.Equal(0, CliRunner.Run("evaluate", "--checkpoint", dir, "--json").ExitCode);
    }

    [Fact]
    public void CsvDatasetWithALabelColumnByNameAndASecondCsvAsTestSet()
    {
        string dir = CliRunner.TempDirectory();
        string train = WriteCsv(dir, "train.csv", 200, 1);
        string test = WriteCsv(dir, "test.csv", 60, 2);
        var result = CliRunner.Run("train", "--dataset", "csv:" + train, "--label-column", "kind", "--test-dataset", "csv:" + test,
            "--epochs", "20", "--hidden", "16", "--quiet", "--out", Path.Combine(dir, "run"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(60 samples)", result.Out);
        double accuracy = double.Parse(result.OutLines[0].Split(' ')[2], CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy}");
        PngDecoderCheck(Path.Combine(dir, "run", "confusion-matrix.png"));
        CliRunner.AssertUsageError(CliRunner.Run("train", "--dataset", "csv:" + train, "--label-column", "species"), "'species'");
    }

    [Fact]
    public void ImageFolderGetsMisclassifiedGridAndConfusionMatrix()
    {
        string dir = CliRunner.TempDirectory();
        WriteIdxImages(dir, "train", 300, 1);
        WriteIdxImages(dir, "t10k", 100, 2);
        var result = CliRunner.Run("train", "--dataset", "mnist-dir:" + dir, "--epochs", "2", "--hidden", "32", "--lr", "0.01", "--json", "--out", Path.Combine(dir, "run"));
        Assert.Equal(0, result.ExitCode);
        var final = result.JsonLines()[^1];
        Assert.InRange(final.GetProperty("testAccuracy").GetDouble(), 0, 1);
        var matrix = PngDecoderCheck(Path.Combine(dir, "run", "confusion-matrix.png"));
        Assert.True(matrix.Width > 200);
        if (final.GetProperty("testAccuracy").GetDouble() < 1) PngDecoderCheck(Path.Combine(dir, "run", "misclassified.png"));
        // predict reads the IDX images themselves.
        var predictions = CliRunner.Run("predict", "--checkpoint", Path.Combine(dir, "run"), "--input", Path.Combine(dir, "t10k-images-idx3-ubyte"));
        Assert.Equal(0, predictions.ExitCode);
        Assert.Equal(101, predictions.OutLines.Length);
        Assert.Equal("row,predicted,label,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9", predictions.OutLines[0]);
        // An MLP trained on flattened 28x28 images refuses 2-D points.
        CliRunner.AssertUsageError(CliRunner.Run("evaluate", "--checkpoint", Path.Combine(dir, "run"), "--dataset", "xor"),
            "model 'mlp' expects 784 inputs but dataset 'xor' has 2 features");
    }

    [Fact]
    public void LeNet5TrainsOnImagesAndPredictsFromIdx()
    {
        string dir = CliRunner.TempDirectory();
        WriteIdxImages(dir, "train", 100, 3);
        WriteIdxImages(dir, "t10k", 20, 4);
        var result = CliRunner.Run("train", "--model", "lenet5", "--variant", "classic", "--dataset", "mnist-dir:" + dir, "--epochs", "1",
            "--json", "--out", Path.Combine(dir, "run"));
        Assert.Equal(0, result.ExitCode);
        Assert.InRange(result.JsonLines()[^1].GetProperty("testAccuracy").GetDouble(), 0, 1);
        var checkpoint = DeepSharp.Training.Checkpoint.Load(Path.Combine(dir, "run", "checkpoint.safetensors"));
        Assert.Equal([1, 28, 28], checkpoint.Description!.InputShape);
        Assert.Contains(checkpoint.Description.Layers, l => l.Type == "AvgPool2d");
        var predictions = CliRunner.Run("predict", "--checkpoint", Path.Combine(dir, "run"), "--input", Path.Combine(dir, "t10k-images-idx3-ubyte"));
        Assert.Equal(0, predictions.ExitCode);
        Assert.Equal(21, predictions.OutLines.Length);
    }

    [Fact]
    public void AugmentedResNetTrainsOnImagesAndPredictsFromTheCheckpoint()
    {
        string dir = CliRunner.TempDirectory();
        WriteIdxImages(dir, "train", 64, 3);
        WriteIdxImages(dir, "t10k", 16, 4);
        var result = CliRunner.Run("train", "--model", "resnet", "--width", "4", "--blocks", "1,1", "--dataset", "mnist-dir:" + dir, "--epochs", "1",
            "--augment", "crop:2,flip,erase", "--json", "--out", Path.Combine(dir, "run"));
        Assert.Equal(0, result.ExitCode);
        Assert.InRange(result.JsonLines()[^1].GetProperty("testAccuracy").GetDouble(), 0, 1);
        var checkpoint = DeepSharp.Training.Checkpoint.Load(Path.Combine(dir, "run", "checkpoint.safetensors"));
        Assert.Equal([1, 28, 28], checkpoint.Description!.InputShape);
        Assert.Contains(checkpoint.Description.Layers, l => l.Type == "BasicBlock");
        var predictions = CliRunner.Run("predict", "--checkpoint", Path.Combine(dir, "run"), "--input", Path.Combine(dir, "t10k-images-idx3-ubyte"));
        Assert.Equal(0, predictions.ExitCode);
        Assert.Equal(17, predictions.OutLines.Length);
    }

    [Fact]
    public void SvgFlagWritesWellFormedSvgBesideThePngs()
    {
        string dir = CliRunner.TempDirectory();
        var result = CliRunner.Run("train", "--dataset", "gaussians", "--epochs", "2", "--svg", "--quiet", "--early-stopping", "1", "--out", dir);
        Assert.Equal(0, result.ExitCode);
        foreach (string name in new[] { "curves", "decision-boundary" })
        {
            var png = PngDecoderCheck(Path.Combine(dir, name + ".png"));
            PlotAssert.ValidSvg(File.ReadAllText(Path.Combine(dir, name + ".svg")), png.Width, png.Height);
        }
    }

    internal static DeepSharp.Plotting.PngImage PngDecoderCheck(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var chunks = PlotAssert.ValidPngChunks(bytes);
        int width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data);
        int height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data.AsSpan(4));
        Assert.True(width > 0 && height > 0);
        return PlotAssert.ValidPng(bytes, width, height);
    }

    /// <summary>Two separable classes in three features, with the label in the middle column "kind".</summary>
    internal static string WriteCsv(string dir, string name, int rows, ulong seed)
    {
        var rng = new DeepSharp.Tensors.RandomGenerator(seed);
        var lines = new List<string> { "a,kind,b,c" };
        for (int i = 0; i < rows; i++)
        {
            int label = i % 2;
            double shift = label == 0 ? -1.5 : 1.5;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{shift + rng.NextGaussian() * 0.5:F4},{(label == 0 ? "left" : "right")},{rng.NextGaussian():F4},{-shift + rng.NextGaussian() * 0.5:F4}"));
        }
        string path = Path.Combine(dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>MNIST-style IDX files: class c is a bright bar at row 2c (so a model can learn it), plus noise.</summary>
    internal static void WriteIdxImages(string dir, string prefix, int count, ulong seed)
    {
        var rng = new DeepSharp.Tensors.RandomGenerator(seed);
        var pixels = new byte[count * 28 * 28];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 10;
            labels[i] = (byte)label;
            for (int p = 0; p < 28 * 28; p++) pixels[i * 784 + p] = (byte)rng.NextInt(60);
            for (int x = 2; x < 26; x++)
            {
                pixels[i * 784 + (2 * label + 4) * 28 + x] = 255;
                pixels[i * 784 + (2 * label + 5) * 28 + x] = 200;
            }
        }
        IdxWriter.Write(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), [count, 28, 28], pixels);
        IdxWriter.Write(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), [count], labels);
    }

    /// <summary>A writer that calls an action once a line containing a marker is written.</summary>
    private sealed class TriggerWriter(string marker, Action trigger) : StringWriter
    {
        private bool _fired;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (!_fired && value is not null && value.Contains(marker, StringComparison.Ordinal))
            {
                _fired = true;
                trigger();
            }
        }
    }
}
