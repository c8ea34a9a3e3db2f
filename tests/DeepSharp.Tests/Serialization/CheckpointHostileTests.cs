using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using DeepSharp.Training;
using static DeepSharp.Tests.Serialization.CheckpointTestData;

namespace DeepSharp.Tests.Serialization;

/// <summary>Checkpoints that are valid safetensors files but wrong as checkpoints: every case is a
/// <see cref="ModelFormatException"/> naming the file, the tensor (when one is involved) and the problem.</summary>
public sealed class CheckpointHostileTests
{
    private const string Source = "hostile.safetensors";
    private static readonly byte[] Valid = CreateValid();

    private static byte[] CreateValid()
    {
        var model = ModelDescription.Mlp(2, [3], 3).Build(new RandomGenerator(1));
        var optimizer = new Adam(model.Parameters());
        Train(model, optimizer, Clouds(5), 2);
        var history = new History("accuracy");
        history.Add(new EpochRecord(1, 0.5, 0.75, null, null, 0.001, 0.1));
        var schedule = new CosineSchedule(4);
        schedule.Apply(optimizer, 0);
        var loader = new DataLoader(Clouds(5), 4, shuffle: true, seed: 3);
        return ToBytesOf(model, optimizer, schedule, history, loader);
    }

    private static byte[] ToBytesOf(Sequential model, Optimizer optimizer, LearningRateSchedule schedule, History history, DataLoader loader)
    {
        string dir = Directory.CreateTempSubdirectory("deepsharp-hostile").FullName;
        try
        {
            string path = Path.Combine(dir, "c.safetensors");
            Checkpoint.Save(path, model, optimizer, schedule, history, loader, new Dictionary<string, RandomGenerator> { ["default"] = new(5) });
            return File.ReadAllBytes(path);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static ModelFormatException Reject(byte[] file)
    {
        var ex = Assert.Throws<ModelFormatException>(() => Checkpoint.Load(new MemoryStream(file, writable: false), Source));
        Assert.Equal(Source, ex.FilePath);
        Assert.StartsWith($"Invalid model file '{Source}'", ex.Message);
        return ex;
    }

    private static byte[] WithMetadata(string key, string? value) => Rewrite(Valid, (meta, _) =>
    {
        if (value is null) meta.Remove(key);
        else meta[key] = value;
    });

    /// <summary>The valid file with the first tensor whose name passes <paramref name="match"/>
    /// replaced by what <paramref name="replace"/> makes of its data (same name, new dtype and shape).</summary>
    private static byte[] WithTensor(Predicate<string> match, Func<byte[], (SafeTensorsDType DType, int[] Shape, byte[] Data)> replace) =>
        Rewrite(Valid, (_, tensors) =>
        {
            int i = tensors.FindIndex(t => match(t.Name));
            var (dtype, shape, data) = replace(tensors[i].Data);
            tensors[i] = (tensors[i].Name, dtype, shape, data);
        });

    [Fact]
    public void TheValidBaseLoads()
    {
        var checkpoint = Checkpoint.Load(new MemoryStream(Valid), Source);
        Assert.Equal(1, checkpoint.Epoch);
        Assert.NotNull(checkpoint.BuildModel());
    }

    [Theory]
    [InlineData("deepsharp.format", null, "not a DeepSharp checkpoint: metadata 'deepsharp.format' is missing.")]
    [InlineData("deepsharp.format", "weights", "expected \"checkpoint\" (a weights file: load it with model.Load")]
    [InlineData("deepsharp.version", null, "metadata 'deepsharp.version' must be \"1\", found nothing.")]
    [InlineData("deepsharp.version", "2", "metadata 'deepsharp.version' must be \"1\", found \"2\".")]
    [InlineData("deepsharp.epoch", null, "metadata 'deepsharp.epoch' must be an integer in [0, 1073741824], found nothing.")]
    [InlineData("deepsharp.epoch", "-1", "metadata 'deepsharp.epoch' must be an integer in [0, 1073741824], found \"-1\".")]
    [InlineData("deepsharp.epoch", "2", "the history ends at epoch 1, but metadata 'deepsharp.epoch' says 2.")]
    [InlineData("deepsharp.model", "{\"layers\":[", "metadata 'deepsharp.model' is not a valid model description: malformed JSON")]
    [InlineData("deepsharp.model", "[{\"type\":\"Linear\",\"in\":2,\"out\":3}]", "the file holds this tensor, but the model description has no such parameter.")]
    [InlineData("deepsharp.optimizer", "{\"type\":\"Adam\"", "metadata 'deepsharp.optimizer' is not valid JSON")]
    [InlineData("deepsharp.optimizer", "[]", "metadata 'deepsharp.optimizer': expected a JSON object, found an array of 0 items.")]
    [InlineData("deepsharp.optimizer", "{\"type\":\"Adam\",\"stepCount\":2,\"parameterSteps\":[2,2,2,2],\"learningRates\":[-1]}", "learning rates must be finite and >= 0")]
    [InlineData("deepsharp.optimizer", "{\"type\":\"Adam\",\"stepCount\":2,\"parameterSteps\":[2,2],\"learningRates\":[0.1]}", "optimizer buffers are named optimizer.<index>.<buffer> with index < 2")]
    [InlineData("deepsharp.optimizer", "{\"type\":\"Adam\",\"stepCount\":2,\"parameterSteps\":[2,2,2,2],\"learningRates\":[0.1],\"x\":1}", "unknown field \"x\"")]
    [InlineData("deepsharp.optimizer", "{\"type\":7,\"stepCount\":2,\"parameterSteps\":[2,2,2,2],\"learningRates\":[0.1]}", "\"type\" must be a string, found the number 7.")]
    [InlineData("deepsharp.optimizer", null, "an optimizer buffer, but metadata 'deepsharp.optimizer' is missing.")]
    [InlineData("deepsharp.schedule", "{\"type\":\"CosineSchedule\",\"state\":{}}", "the schedule state needs an integer \"epoch\" >= -1.")]
    [InlineData("deepsharp.schedule", "{\"type\":\"CosineSchedule\",\"state\":{\"epoch\":\"soon\"}}", "must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), found the string \"soon\".")]
    [InlineData("deepsharp.history", "{\"metric\":null,\"stopReason\":\"Bored\",\"epochs\":[]}", "unknown stop reason \"Bored\"")]
    [InlineData("deepsharp.history", "{\"metric\":null,\"stopReason\":\"1\",\"epochs\":[]}", "unknown stop reason \"1\"")]
    [InlineData("deepsharp.history", "{\"metric\":null,\"stopReason\":null}", "the history: missing field \"epochs\".")]
    [InlineData("deepsharp.history", "{\"metric\":null,\"stopReason\":null,\"epochs\":[{\"epoch\":1}]}", "history record 0: missing field \"trainLoss\".")]
    [InlineData("deepsharp.loader", "{\"epoch\":1,\"seed\":-3,\"shuffle\":true}", "\"seed\" must be an unsigned 64-bit integer, found the number -3.")]
    [InlineData("deepsharp.loader", "{\"epoch\":1,\"seed\":3,\"shuffle\":1}", "\"shuffle\" must be true or false, found the number 1.")]
    public void BadOrMissingMetadataIsRejected(string key, string? value, string expected)
    {
        var ex = Reject(WithMetadata(key, value));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void ADeeplyNestedMetadataValueIsRejected()
    {
        var ex = Reject(WithMetadata("deepsharp.loader", new string('[', 64) + new string(']', 64)));
        Assert.Contains("metadata 'deepsharp.loader' is not valid JSON", ex.Message);
    }

    [Fact]
    public void AHistoryWithDecreasingEpochsIsRejected()
    {
        string record(int epoch) => $"{{\"epoch\":{epoch},\"trainLoss\":1,\"trainMetric\":null,\"valLoss\":null,\"valMetric\":null,\"learningRate\":0.1,\"seconds\":1,\"skippedBatches\":0}}";
        var ex = Reject(WithMetadata("deepsharp.history", $"{{\"metric\":null,\"stopReason\":null,\"epochs\":[{record(1)},{record(1)}]}}"));
        Assert.Contains("history record 1: epochs must increase, found 1 after 1.", ex.Message);
    }

    [Fact]
    public void WrongTensorNamesAreRejected()
    {
        var ex = Reject(Rewrite(Valid, (_, tensors) => tensors.Add(("weights.0", SafeTensorsDType.Float32, [1], new byte[4]))));
        Assert.Equal("weights.0", ex.TensorName);
        Assert.Contains("unexpected tensor: checkpoint tensors are named model.*, optimizer.* or rng.*", ex.Message);

        ex = Reject(Rewrite(Valid, (_, tensors) => tensors.RemoveAll(t => t.Name == "model.2.bias")));
        Assert.Equal("model.2.bias", ex.TensorName);
        Assert.Contains("the model description has this parameter, but the file holds no such tensor.", ex.Message);

        ex = Reject(Rewrite(Valid, (_, tensors) => tensors.Add(("optimizer.x.exp_avg", SafeTensorsDType.Float32, [1], new byte[4]))));
        Assert.Equal("optimizer.x.exp_avg", ex.TensorName);

        ex = Reject(Rewrite(Valid, (_, tensors) => tensors.Add(("optimizer.7.", SafeTensorsDType.Float32, [1], new byte[4]))));
        Assert.Contains("with index < 4 (the parameter count)", ex.Message);
    }

    [Fact]
    public void WrongShapesAndDtypesAreRejected()
    {
        var ex = Reject(WithTensor(name => name == "model.0.weight", data => (SafeTensorsDType.Float32, [2, 3], data)));
        Assert.Equal("model.0.weight", ex.TensorName);
        Assert.Contains("shape mismatch: the model description gives (3, 2), the file holds (2, 3).", ex.Message);

        ex = Reject(WithTensor(name => name == "model.0.bias", _ => (SafeTensorsDType.UInt8, [3], new byte[3])));
        Assert.Contains("the model description's parameters are float32, loadable from F32, F16 or BF16; the file holds U8.", ex.Message);

        ex = Reject(WithTensor(name => name.StartsWith("optimizer.", StringComparison.Ordinal),
            data => (SafeTensorsDType.Float64, [data.Length / 8], data)));
        Assert.Contains("optimizer buffers are F32, found F64.", ex.Message);
    }

    [Fact]
    public void BadGeneratorStatesAreRejected()
    {
        var ex = Reject(WithTensor(name => name == "rng.default", _ => (SafeTensorsDType.Int64, [6], new byte[48])));
        Assert.Equal("rng.default", ex.TensorName);
        Assert.Contains("cannot have all four state words zero", ex.Message);
        ex = Reject(WithTensor(name => name == "rng.default", data => (SafeTensorsDType.Int32, [12], data)));
        Assert.Contains("a generator state is I64 (6), found I32 (12).", ex.Message);
    }

    [Fact]
    public void RestoringFromHostileButConsistentStateFailsWithArgumentErrors()
    {
        // A file whose optimizer buffer is longer than the parameter it claims: only detectable
        // against the optimizer, so RestoreOptimizer refuses it without changing anything.
        var hostile = WithTensor(name => name == "optimizer.0.exp_avg", _ => (SafeTensorsDType.Float32, [7], new byte[28]));
        var checkpoint = Checkpoint.Load(new MemoryStream(hostile), Source);
        var model = checkpoint.BuildModel();
        var optimizer = new Adam(model.Parameters());
        Assert.Throws<ArgumentException>(() => checkpoint.RestoreOptimizer(optimizer));
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void NonCheckpointSafetensorsFilesAreRejected()
    {
        var ex = Reject(ToBytes(new SafeTensorsWriter().AddFloat32("0.weight", [1], [1f])));
        Assert.Contains("not a DeepSharp checkpoint", ex.Message);
        Assert.Throws<ModelFormatException>(() => Checkpoint.Load(new MemoryStream([1, 2, 3]), Source));
    }
}
