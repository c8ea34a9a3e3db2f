using System.Globalization;
using System.Text.Json;
using DeepSharp.Backends;
using DeepSharp.Cli.Output;
using DeepSharp.Data;
using DeepSharp.IO;
using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using DeepSharp.Training;
using static DeepSharp.Tests.Cli.Hostile.HostileFiles;

namespace DeepSharp.Tests.Cli.Hostile;

/// <summary>
/// The reproductions D1-D14 of issue 17, each through the command line as the report gave it (and
/// through the library where the report named a library call): every one ends in a typed error
/// or one line and exit 2, in bounded time and memory.
/// </summary>
public sealed class CliHostileInputTests(TrainedRunFixture run) : IClassFixture<TrainedRunFixture>, IDisposable
{
    private readonly string _dir = CliRunner.TempDirectory();

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

    private string Copy(IReadOnlyDictionary<string, string?> metadata, string name = "hostile.safetensors",
        Func<string, SafeTensorsDType, int[], byte[], (SafeTensorsDType, int[], byte[])>? tensor = null) =>
        Rewrite(run.Checkpoint, Path.Combine(_dir, name), metadata, tensor);

    [Fact]
    public void D1_RecurrentLayerCountsAreBoundedBeforeAnythingIsBuilt()
    {
        string json = Write(_dir, "deep.json", """{"input":[4],"layers":[{"type":"Lstm","in":4,"hidden":4,"layers":100000},{"type":"LastTimeStep"}]}""");
        CliRunner.AssertUsageError(CliRunner.Run("summary", "--model", json), "option 'layers' expects an integer in [1, 10000], found 100000");

        // 10,000 description layers of 2 stacked layers each: each layer fits, the stack does not.
        var layers = Enumerable.Repeat(new LayerDescription("Gru", new Dictionary<string, object> { ["in"] = 1, ["hidden"] = 1, ["layers"] = 2 }), 10_000);
        var ex = Assert.Throws<ArgumentException>(() => new ModelDescription(layers));
        Assert.Contains("stack 20000 layers in all", ex.Message);

        // The same description carried by a checkpoint: Load, LoadModel and module.Load refuse it at once.
        string checkpoint = Copy(new Dictionary<string, string?>
        {
            ["deepsharp.model"] = """{"layers":[{"type":"Rnn","in":2,"hidden":2,"layers":100000000}]}""",
        });
        Assert.Contains("option 'layers'", Assert.Throws<ModelFormatException>(() => Checkpoint.Load(checkpoint)).Message);
        Assert.Contains("option 'layers'", Assert.Throws<ModelFormatException>(() => ModuleSerialization.LoadModel(checkpoint)).Message);
        Assert.Throws<ModelFormatException>(() => new Sequential(new Linear(2, 3)).Load(checkpoint));
    }

    [Fact]
    public void D2_TheCheckpointCarriesClassNamesDatasetAndModelNameInTheSameFile()
    {
        var metadata = SafeTensorsFile.Read(run.Checkpoint).Metadata;
        Assert.Equal("gaussians", metadata["deepsharp.cli.dataset"]);
        Assert.Equal("mlp", metadata["deepsharp.cli.model-name"]);
        Assert.Equal(3, JsonSerializer.Deserialize<string[]>(metadata["deepsharp.cli.classes"])!.Length);
        Assert.Equal("8", metadata["deepsharp.epoch"]);
        // Written once: no second file or temporary file beside it.
        Assert.Empty(Directory.GetFiles(run.Dir, "*.tmp"));
        Assert.Equal(0, CliRunner.Run("evaluate", "--checkpoint", run.Checkpoint).ExitCode);
    }

    [Fact]
    public void D3_AnImageFolderWithZeroImagesIsAUsageError()
    {
        string folder = EmptyMnistFolder(_dir);
        CliRunner.AssertUsageError(CliRunner.Run("train", "--dataset", "mnist-dir:" + folder, "--epochs", "1", "--out", Path.Combine(_dir, "r")),
            "hold no images");
    }

    [Fact]
    public void D4_ConvolutionSizesThatWouldOverflowAreRefused()
    {
        string json = Write(_dir, "conv.json",
            """{"input":[1,8,8],"layers":[{"type":"Conv2d","in":1,"out":1,"kernel":3,"padding":2147483647},{"type":"Flatten"},{"type":"Linear","in":4,"out":2}]}""");
        CliRunner.AssertUsageError(CliRunner.Run("summary", "--model", json), "option 'padding' expects an integer in [0, 65536]");
        string checkpoint = Copy(new Dictionary<string, string?>
        {
            ["deepsharp.model"] = """{"input":[1,8,8],"layers":[{"type":"Conv2d","in":1,"out":1,"kernel":3,"padding":2147483647}]}""",
        });
        CliRunner.AssertUsageError(CliRunner.Run("evaluate", "--checkpoint", checkpoint), "option 'padding'");
        CliRunner.AssertUsageError(CliRunner.Run("predict", "--checkpoint", checkpoint, "--input", Write(_dir, "x.csv", "a,b\n1,2\n")), "option 'padding'");

        // Below the description's bounds, the engine's own arithmetic is in longs and refuses outputs above int.
        var conv = new Conv2d(1, 1, 1, padding: 1 << 30);
        var input = Tensor.Zeros(1, 1, 1, 1);
        Assert.IsAssignableFrom<ArgumentException>(Record.Exception(() => conv.Forward(input)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2dGeometry.OutputLength(int.MaxValue, 1, 1, int.MaxValue, 1));
    }

    [Fact]
    public void D5_HugeCsvFeaturesAreRefusedWithTheColumnNamed()
    {
        var rows = Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? 3e38 : -3e38)},{i * 1e30},{i % 2}"));
        string csv = Write(_dir, "huge.csv", "a,b,label\n" + string.Join("\n", rows) + "\n");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--dataset", "csv:" + csv, "--epochs", "1", "--out", Path.Combine(_dir, "r")),
            "feature 'a' of row 1 is 3E+38", "rescale the column");
    }

    [Fact]
    public void D6_ACheckpointWithoutModelDescriptionIsAFormatError()
    {
        string checkpoint = Copy(new Dictionary<string, string?> { ["deepsharp.model"] = null });
        CliRunner.AssertUsageError(CliRunner.Run("evaluate", "--checkpoint", checkpoint), "stores no model description");
        Assert.Throws<ModelFormatException>(() => ModuleSerialization.LoadModel(checkpoint));
        Assert.Throws<InvalidOperationException>(() => Checkpoint.Load(checkpoint).BuildModel());
    }

    [Fact]
    public void D7_ModelsAboveTheParameterLimitAreRefusedBeforeAllocation()
    {
        string json = Write(_dir, "wide.json", """{"input":[46340],"layers":[{"type":"Linear","in":46340,"out":46340}]}""");
        long before = GC.GetAllocatedBytesForCurrentThread();
        CliRunner.AssertUsageError(CliRunner.Run("summary", "--model", json), "2,147,441,940 parameters", "above the limit of 268,435,456", "--max-parameters");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--hidden", "30000,30000", "--epochs", "1", "--out", Path.Combine(_dir, "r")), "above the limit");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "the refused models were allocated");

        // The limit is an option: lowered, the default MLP is refused; raised, a large description is accepted.
        CliRunner.AssertUsageError(CliRunner.Run("summary", "--max-parameters", "1000"), "above the limit of 1,000");
        CliRunner.AssertUsageError(CliRunner.Run("summary", "--max-parameters", "many"), "--max-parameters");
        using (ModelDescription.AllowParameters(300_000_000))
            Assert.Equal(268_451_840, new ModelDescription([LayerDescription.Linear(16384, 16384)]).ParameterCount);
        Assert.Throws<ArgumentException>(() => new ModelDescription([LayerDescription.Linear(16384, 16384)]));
    }

    [Fact]
    public void D8_AGzipBombIsRefusedFromItsHeaderBeforeInflating()
    {
        // 1,000,000 images declared, 2 MB of zeros actually there: refused from the header alone.
        string bomb = GzipIdx(Path.Combine(_dir, "bomb-images-idx3-ubyte.gz"), [1_000_000, 28, 28], dataBytes: 2 << 20);
        Assert.True(new FileInfo(bomb).Length < 64 * 1024);
        long before = GC.GetAllocatedBytesForCurrentThread();
        CliRunner.AssertUsageError(CliRunner.Run("predict", "--checkpoint", run.Checkpoint, "--input", bomb), "declare more than 134217728 bytes", "refusing to inflate");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "the bomb was inflated");

        // A caller that needs more raises the limit; the size is still checked against what the file holds.
        string small = GzipIdx(Path.Combine(_dir, "small-images-idx3-ubyte.gz"), [2, 28, 28]);
        Assert.Throws<DataFormatException>(() => IdxReader.Read(small, maxPayloadBytes: 100));
        Assert.Equal(2 * 28 * 28, IdxReader.Read(small, maxPayloadBytes: 10_000).RawData.Length);
    }

    [Fact]
    public void D9_ASecondTrainOnALiveRunDirectoryIsRefused()
    {
        string dir = Path.Combine(_dir, "live");
        Directory.CreateDirectory(dir);
        using (var held = RunLock.Acquire(dir))
        {
            CliRunner.AssertUsageError(CliRunner.Run("train", "--epochs", "1", "--samples", "50", "--out", dir), $"run directory '{dir}' is in use");
            Assert.False(File.Exists(Path.Combine(dir, "checkpoint.safetensors")));
        }
        // Released (as the kernel releases a killed process's lock): the lock file is left and taken over.
        Assert.True(File.Exists(Path.Combine(dir, RunLock.FileName)));
        Assert.Equal(0, CliRunner.Run("train", "--epochs", "1", "--samples", "50", "--quiet", "--out", dir).ExitCode);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(dir, RunLock.FileName)).Trim());
    }

    [Fact]
    public async Task D9_TwoConcurrentTrainsOnOneDirectory_OneRefusedAndTheFilesStayConsistent()
    {
        string dir = Path.Combine(_dir, "concurrent");
        using var cancel = new CancellationTokenSource();
        var first = Task.Run(() => CliRunner.Run(["train", "--epochs", "400", "--samples", "200", "--quiet", "--out", dir], cancel.Token));
        string checkpoint = Path.Combine(dir, "checkpoint.safetensors");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && !first.IsCompleted && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(20);
        Assert.True(File.Exists(checkpoint), "the first run wrote no checkpoint");
        var second = CliRunner.Run("train", "--dataset", "moons", "--epochs", "1", "--quiet", "--out", dir);
        // Reads while the first run rewrites its checkpoint: every one is complete and labelled with its own dataset.
        for (int i = 0; i < 20; i++) Assert.Equal("spirals", SafeTensorsFile.Read(checkpoint).Metadata["deepsharp.cli.dataset"]);
        cancel.Cancel();
        var result = await first;
        CliRunner.AssertUsageError(second, "is in use");
        Assert.True(result.ExitCode is 0 or 130, result.Error);
    }

    [Fact]
    public void D10_CountersNearIntMaxAreRefusedBeforeARunDirectoryIsMade()
    {
        foreach (var (key, value) in new[]
        {
            ("deepsharp.loader", """{"epoch":2147483647,"seed":1,"shuffle":true}"""),
            ("deepsharp.epoch", "2147483647"),
        })
        {
            string checkpoint = Copy(new Dictionary<string, string?> { [key] = value });
            string outDir = Path.Combine(_dir, "resumed-" + key);
            CliRunner.AssertUsageError(CliRunner.Run("train", "--resume", checkpoint, "--epochs", "10", "--out", outDir), "[0, 1073741824]");
            Assert.False(Directory.Exists(outDir));
        }
        var optimizer = JsonDocument.Parse(SafeTensorsFile.Read(run.Checkpoint).Metadata["deepsharp.optimizer"]).RootElement;
        string steps = optimizer.GetRawText().Replace($"\"stepCount\":{optimizer.GetProperty("stepCount").GetInt32()}", "\"stepCount\":2147483647");
        Assert.Contains("[0, 1073741824]", Assert.Throws<ModelFormatException>(() => Checkpoint.Load(Copy(new Dictionary<string, string?> { ["deepsharp.optimizer"] = steps }))).Message);
    }

    [Fact]
    public void D11_ALoadedCheckpointBuildsItsModel_I32WeightsAreRefusedAtLoad()
    {
        string checkpoint = Copy(new Dictionary<string, string?>(), tensor: (name, dtype, shape, bytes) =>
            name == "model.0.bias" ? (SafeTensorsDType.Int32, shape, bytes) : (dtype, shape, bytes));
        var ex = Assert.Throws<ModelFormatException>(() => Checkpoint.Load(checkpoint));
        Assert.Equal("model.0.bias", ex.TensorName);
        Assert.Contains("parameters are float32, loadable from F32, F16 or BF16; the file holds I32", ex.Message);
        CliRunner.AssertUsageError(CliRunner.Run("evaluate", "--checkpoint", checkpoint), "holds I32");
    }

    [Fact]
    public void D12_EmptyHiddenListsAndMisplacedLabelColumnsAreRefused()
    {
        CliRunner.AssertUsageError(CliRunner.Run("train", "--hidden", ",", "--epochs", "1", "--out", Path.Combine(_dir, "a")), "'--hidden' expects positive integers", "got ','");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--label-column", "x", "--epochs", "1", "--out", Path.Combine(_dir, "b")),
            "'--label-column' applies to csv:<file> datasets", "'spirals'");
    }

    [Fact]
    public void D13_StaleTemporaryFilesOfAKilledRunAreRemovedAtTheNextStart_HistoryFollowsTheCheckpoint()
    {
        string dir = Path.Combine(_dir, "killed");
        Directory.CreateDirectory(dir);
        string stale = Path.Combine(dir, $".checkpoint.safetensors.{Guid.NewGuid():N}.tmp");
        string staleHistory = Path.Combine(dir, $".history.csv.{Guid.NewGuid():N}.tmp");
        string keep = Path.Combine(dir, ".notes.tmp");
        foreach (string path in new[] { stale, staleHistory, keep }) File.WriteAllText(path, "partial");
        Assert.Equal(0, CliRunner.Run("train", "--epochs", "3", "--samples", "60", "--quiet", "--out", dir).ExitCode);
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleHistory));
        Assert.True(File.Exists(keep), "a file not named like an atomic write's temporary was removed");
        var history = History.LoadCsv(Path.Combine(dir, "history.csv"), "accuracy");
        Assert.Equal(Checkpoint.Load(Path.Combine(dir, "checkpoint.safetensors")).Epoch, history.Last!.Epoch);

        Assert.True(AtomicFile.IsTemporaryName(Path.GetFileName(stale)));
        Assert.False(AtomicFile.IsTemporaryName(".x.0123456789abcdef0123456789abcdeg.tmp"));
        Assert.False(AtomicFile.IsTemporaryName("checkpoint.safetensors"));
    }

    [Fact]
    public void D14_MessagesSayWhatWasExpected()
    {
        string labelOnly = Write(_dir, "label-only.csv", "label\n0\n1\n0\n1\n");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--dataset", "csv:" + labelOnly, "--epochs", "1", "--out", Path.Combine(_dir, "r")),
            "no feature columns: the only column is the label 'label'");

        string pool = Write(_dir, "pool.json", """{"input":[1,8,8],"layers":[{"type":"AvgPool2d","kernel":65536,"padding":100},{"type":"Flatten"}]}""");
        string message = CliRunner.AssertUsageError(CliRunner.Run("summary", "--model", pool), "larger than the padded input 208x208");
        Assert.DoesNotContain("-", message.Split("padded input")[1]);

        CliRunner.AssertUsageError(CliRunner.Run("predict", "--checkpoint", run.Checkpoint, "--input", _dir), $"input file '{_dir}' is a directory; expected a file");
        CliRunner.AssertUsageError(CliRunner.Run("plot", "--history", _dir), $"history file '{_dir}' is a directory; expected a file");

        // Denormal losses plot on a finite axis.
        string history = Write(_dir, "denormal.csv", "epoch,train_loss,train_metric,val_loss,val_metric,learning_rate,seconds,skipped_batches\n"
            + "1,4.9e-324,0.5,5e-324,0.5,0.01,0.1,0\n2,1e-320,0.6,2e-322,0.6,0.01,0.1,0\n");
        string png = Path.Combine(_dir, "denormal.png");
        var plotted = CliRunner.Run("plot", "--history", history, "--out", png);
        Assert.True(plotted.ExitCode == 0, plotted.Error);
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact]
    public void NonFiniteWeightsAreRefusedAtLoad()
    {
        string checkpoint = Copy(new Dictionary<string, string?>(), tensor: (name, dtype, shape, bytes) =>
        {
            if (name != "model.0.weight") return (dtype, shape, bytes);
            byte[] copy = [.. bytes];
            BitConverter.TryWriteBytes(copy.AsSpan(4), float.NaN);
            return (dtype, shape, copy);
        });
        var loaded = Checkpoint.Load(checkpoint);
        var ex = Assert.Throws<ModelFormatException>(() => loaded.BuildModel());
        Assert.Equal("model.0.weight", ex.TensorName);
        Assert.Contains("element 1 is NaN; weights must be finite", ex.Message);
        Assert.Throws<ModelFormatException>(() => ModuleSerialization.LoadModel(checkpoint));
        CliRunner.AssertUsageError(CliRunner.Run("evaluate", "--checkpoint", checkpoint), "weights must be finite");
    }
}
