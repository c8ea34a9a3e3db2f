using DeepSharp.Serialization;
using DeepSharp.Training;

namespace DeepSharp.Tests.Cli;

/// <summary>A 2-epoch SGD-with-momentum run on 200 spiral points, the checkpoint the error tests resume from.</summary>
public sealed class MomentumRunFixture : IDisposable
{
    public static readonly string[] Options = ["--samples", "200", "--optimizer", "momentum", "--schedule", "exponential:0.9"];

    public MomentumRunFixture()
    {
        Root = CliRunner.TempDirectory();
        Dir = Path.Combine(Root, "run");
        var result = CliRunner.Run(["train", .. Options, "--epochs", "2", "--quiet", "--out", Dir], CancellationToken.None);
        Assert.Equal(0, result.ExitCode);
    }

    public string Root { get; }

    public string Dir { get; }

    public string Checkpoint => Path.Combine(Dir, "checkpoint.safetensors");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary><c>deepsharp train --resume</c>: exact continuation, the full history, and the refusals.</summary>
public sealed class CliResumeTests(MomentumRunFixture run) : IClassFixture<MomentumRunFixture>
{
    /// <summary>2 epochs, then resumed to 4, equals 4 straight: every tensor of the checkpoints (weights and
    /// optimizer buffers) bit for bit, and every history value except the wall-clock seconds.</summary>
    [Theory]
    [InlineData("adam", "exponential:0.9")]
    [InlineData("momentum", "plateau:1:0.5")]
    public void TwoEpochsResumedToFourEqualFourStraightBitForBit(string optimizer, string schedule)
    {
        string root = CliRunner.TempDirectory();
        string[] common = ["--samples", "200", "--seed", "3", "--optimizer", optimizer, "--schedule", schedule];
        string first = Path.Combine(root, "first"), resumed = Path.Combine(root, "resumed"), straight = Path.Combine(root, "straight");
        Assert.Equal(0, Train([.. common, "--epochs", "2", "--out", first]).ExitCode);
        // The seed comes from the checkpoint; repeating it is accepted.
        var result = Train(["--resume", CheckpointIn(first), .. common, "--epochs", "4", "--out", resumed]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(0, Train([.. common, "--epochs", "4", "--out", straight]).ExitCode);

        Assert.Contains("epochs 3-4 of 4, resuming", result.OutLines[0]);
        Assert.Equal(["epoch 3/4", "epoch 4/4"], result.OutLines.Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).Select(l => l[..9]));
        AssertSameTensors(CheckpointIn(straight), CheckpointIn(resumed));
        var straightHistory = Checkpoint.Load(CheckpointIn(straight)).HistoryRecords;
        Assert.Equal(4, straightHistory.Count);
        Assert.Equal(Comparable(straightHistory), Comparable(Checkpoint.Load(CheckpointIn(resumed)).HistoryRecords));
        // history.csv of the resumed run holds the first run's epochs and the new ones.
        var csv = History.LoadCsv(Path.Combine(resumed, "history.csv"));
        Assert.Equal([1, 2, 3, 4], csv.Epochs.Select(e => e.Epoch));
        Assert.Equal(Comparable(History.LoadCsv(Path.Combine(first, "history.csv")).Epochs), Comparable(csv.Epochs.Take(2)));
        Assert.Equal(Comparable(straightHistory), Comparable(csv.Epochs));
        Assert.True(File.Exists(Path.Combine(resumed, "curves.png")));
        // Not vacuous: the two resumed epochs changed the weights.
        Assert.False(SameTensor(CheckpointIn(first), CheckpointIn(resumed), "model.0.weight"), "the resumed epochs left the weights unchanged");
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void TheRunDirectoryIsAcceptedInPlaceOfTheFile()
    {
        string outDir = Path.Combine(run.Root, "from-dir");
        var result = Train(["--resume", run.Dir, .. MomentumRunFixture.Options, "--epochs", "3", "--quiet", "--out", outDir]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, Checkpoint.Load(CheckpointIn(outDir)).Epoch);
        Assert.Equal(3, History.LoadCsv(Path.Combine(outDir, "history.csv")).Count);
    }

    [Theory]
    [InlineData("--model", "mlp")]
    [InlineData("--hidden", "8")]
    [InlineData("--activation", "tanh")]
    [InlineData("--variant", "classic")]
    public void ModelOptionsAreRefused(string option, string value)
    {
        var result = Resume([option, value, "--epochs", "4"], out string outDir);
        CliRunner.AssertUsageError(result, option, "cannot be used with --resume", "the checkpoint defines the model");
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("2", "already has 2 epochs done", "give --epochs above 2")]
    [InlineData("1", "--epochs is the total", "already has 2 epochs done")]
    [InlineData(null, "--resume needs --epochs <total>", "2 epochs done")]
    public void EpochsMustExceedTheCheckpointsEpochs(string? epochs, string fragment1, string fragment2)
    {
        var result = Resume(epochs is null ? [] : ["--epochs", epochs], out string outDir);
        CliRunner.AssertUsageError(result, fragment1, fragment2);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData(new[] { "--optimizer", "adam" }, "holds Sgd state (--optimizer sgd, momentum or nesterov)", "--optimizer adam builds Adam")]
    [InlineData(new[] { "--optimizer", "sgd" }, "has momentum buffers but the momentum is 0", "--momentum")]
    [InlineData(new[] { "--optimizer", "momentum", "--schedule", "cosine" }, "used --schedule exponential", "this one has --schedule cosine")]
    [InlineData(new[] { "--optimizer", "momentum", "--schedule", "constant" }, "used --schedule exponential", "this one has --schedule constant")]
    [InlineData(new[] { "--optimizer", "momentum", "--schedule", "exponential:0.9", "--seed", "5" }, "--seed 5 differs from the checkpoint's seed 1")]
    public void TrainingOptionsThatContradictTheCheckpointAreRefused(string[] options, string fragment1, string? fragment2 = null)
    {
        var result = CliRunner.Run(["train", "--resume", run.Checkpoint, "--samples", "200", .. options, "--epochs", "4", "--out", Path.Combine(run.Root, "never")],
            CancellationToken.None);
        CliRunner.AssertUsageError(result, [fragment1, .. fragment2 is null ? Array.Empty<string>() : [fragment2]]);
        Assert.False(Directory.Exists(Path.Combine(run.Root, "never")));
    }

    [Fact]
    public void DataThatDoesNotFitTheModelIsRefused()
    {
        // Three classes for a two-output model.
        CliRunner.AssertUsageError(Resume(["--dataset", "gaussians", "--epochs", "4"], out _), "model 'mlp' has 2 outputs", "'gaussians' has 3 classes");
        // Three features for a two-input model.
        string csv = CliTrainTests.WriteCsv(run.Root, "three-features.csv", 40, 1);
        CliRunner.AssertUsageError(Resume(["--dataset", "csv:" + csv, "--label-column", "1", "--epochs", "4"], out _),
            "model 'mlp' expects 2 inputs", "has 3 features");
    }

    [Fact]
    public void MissingAndCorruptCheckpointsAreUsageErrors()
    {
        string missing = Path.Combine(run.Root, "missing.safetensors");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--resume", missing, "--epochs", "4"), "missing.safetensors", "does not exist");
        // A real checkpoint cut in half: the header promises more bytes than the file holds.
        string truncated = Path.Combine(run.Root, "truncated.safetensors");
        byte[] bytes = File.ReadAllBytes(run.Checkpoint);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        CliRunner.AssertUsageError(CliRunner.Run("train", "--resume", truncated, "--epochs", "4"), "truncated.safetensors");
        string garbage = Path.Combine(run.Root, "garbage.safetensors");
        File.WriteAllText(garbage, "not a checkpoint");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--resume", garbage, "--epochs", "4"), "garbage.safetensors");
    }

    private CliResult Resume(string[] options, out string outDir)
    {
        outDir = Path.Combine(run.Root, "never-" + Guid.NewGuid().ToString("N"));
        return CliRunner.Run(["train", "--resume", run.Checkpoint, .. MomentumRunFixture.Options, .. options, "--out", outDir], CancellationToken.None);
    }

    private static CliResult Train(string[] options) => CliRunner.Run(["train", .. options], CancellationToken.None);

    private static string CheckpointIn(string dir) => Path.Combine(dir, "checkpoint.safetensors");

    private static IEnumerable<EpochRecord> Comparable(IEnumerable<EpochRecord> records) => records.Select(r => r with { Seconds = 0 }).ToList();

    private static void AssertSameTensors(string expectedPath, string actualPath)
    {
        var expected = SafeTensorsFile.Read(expectedPath);
        var actual = SafeTensorsFile.Read(actualPath);
        Assert.Equal(expected.Entries.Select(e => e.Name).Order(), actual.Entries.Select(e => e.Name).Order());
        Assert.Contains(expected.Entries, e => e.Name.StartsWith("optimizer.", StringComparison.Ordinal));
        foreach (var entry in expected.Entries)
            Assert.True(expected.GetRawBytes(entry.Name).SequenceEqual(actual.GetRawBytes(entry.Name)), $"tensor {entry.Name} differs");
    }

    private static bool SameTensor(string pathA, string pathB, string name) =>
        SafeTensorsFile.Read(pathA).GetRawBytes(name).SequenceEqual(SafeTensorsFile.Read(pathB).GetRawBytes(name));
}
