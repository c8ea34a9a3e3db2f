using DeepSharp.Training;
using System.Text.Json;
using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Serialization.CheckpointTestData;

namespace DeepSharp.Tests.Serialization;

public sealed class ModelSaveLoadTests : IDisposable
{
    private readonly string _dir = TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void SaveThenLoadCopiesEveryTensorIntoTheExistingOnes()
    {
        var description = SmallDescription();
        var source = description.Build(new RandomGenerator(1));
        var target = description.Build(new RandomGenerator(2));
        var tensorsBefore = target.StateDict().Select(s => s.Value).ToArray();
        Assert.NotEqual(Weights(source)[0], Weights(target)[0]);

        source.Save(PathOf("m.safetensors"));
        var report = target.Load(PathOf("m.safetensors"));

        AssertBitwiseEqual(Weights(source), Weights(target));
        Assert.True(report.IsExactMatch);
        Assert.Equal(source.StateDict().Select(s => s.Name), report.Loaded);
        Assert.Equal(description, report.Description);
        // The model's tensors keep their identity (an optimizer holding them keeps working).
        Assert.True(tensorsBefore.Zip(target.StateDict().Select(s => s.Value)).All(p => ReferenceEquals(p.First, p.Second)));
    }

    [Fact]
    public void TheFileFollowsTheSafetensorsLayout()
    {
        var model = new Sequential(new Linear(3, 2, rng: new RandomGenerator(4)), new Relu(), new Linear(2, 1, bias: false, rng: new RandomGenerator(5)));
        model.Save(PathOf("m.safetensors"));
        var (header, data) = ParseIndependently(File.ReadAllBytes(PathOf("m.safetensors")));
        var root = header.RootElement;
        var names = root.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__").ToArray();
        Assert.Equal(["0.bias", "0.weight", "2.weight"], names.Order(StringComparer.Ordinal));
        long covered = 0;
        foreach (var (name, value) in model.StateDict())
        {
            var entry = root.GetProperty(name);
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(value.ShapeArray, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            long begin = entry.GetProperty("data_offsets")[0].GetInt64(), end = entry.GetProperty("data_offsets")[1].GetInt64();
            var floats = new float[(end - begin) / 4];
            Buffer.BlockCopy(data, (int)begin, floats, 0, (int)(end - begin));
            Assert.Equal(value.ToFloatArray(), floats);
            covered += end - begin;
        }
        Assert.Equal(data.Length, covered);
        var metadata = root.GetProperty("__metadata__");
        Assert.Equal("weights", metadata.GetProperty("deepsharp.format").GetString());
        Assert.Equal("1", metadata.GetProperty("deepsharp.version").GetString());
        Assert.Equal(ModelDescription.FromModule(model).ToJson(), metadata.GetProperty("deepsharp.model").GetString());
    }

    [Fact]
    public void LoadModelRebuildsTheArchitectureWithoutCode()
    {
        var description = SmallDescription();
        var model = description.Build(new RandomGenerator(9));
        model.Save(PathOf("m.safetensors"));
        var rebuilt = ModuleSerialization.LoadModel(PathOf("m.safetensors"));
        Assert.Equal(description, ModelDescription.FromModule(rebuilt));
        AssertBitwiseEqual(Weights(model), Weights(rebuilt));
        model.Eval();
        rebuilt.Eval();
        var x = Tensor.Randn([5, 2], new RandomGenerator(3));
        Assert.Equal(model.Forward(x).ToFloatArray(), rebuilt.Forward(x).ToFloatArray());
        Assert.Equal(description, ModuleSerialization.ReadDescription(PathOf("m.safetensors")));
    }

    [Fact]
    public void ShapeMismatchNamesTheTensorAndBothShapesAndChangesNothing()
    {
        new Sequential(new Linear(3, 4), new Relu(), new Linear(4, 2)).Save(PathOf("m.safetensors"));
        var other = new Sequential(new Linear(3, 4), new Relu(), new Linear(4, 5));
        var before = Weights(other);
        var ex = Assert.Throws<ModelFormatException>(() => other.Load(PathOf("m.safetensors")));
        Assert.Equal("2.weight", ex.TensorName);
        Assert.Contains("shape mismatch: the model expects (5, 4), the file holds (2, 4)", ex.Message);
        Assert.Contains(PathOf("m.safetensors"), ex.Message);
        // Non-strict loading does not excuse shapes either, and the failure changes nothing.
        Assert.Throws<ModelFormatException>(() => other.Load(PathOf("m.safetensors"), strict: false));
        AssertBitwiseEqual(before, Weights(other));
    }

    [Fact]
    public void StrictLoadRejectsDifferentNamesAndNonStrictReportsThem()
    {
        var source = new Sequential(new Linear(2, 3, rng: new RandomGenerator(1)), new Tanh(), new Linear(3, 1, rng: new RandomGenerator(2)));
        source.Save(PathOf("m.safetensors"));
        // Same first layer, no bias in the last one, and an extra layer.
        var target = new Sequential(new Linear(2, 3), new Tanh(), new Linear(3, 1, bias: false), new Linear(1, 1));
        var before = Weights(target);
        var ex = Assert.Throws<ModelFormatException>(() => target.Load(PathOf("m.safetensors")));
        Assert.Contains("2 missing from the file (3.weight, 3.bias)", ex.Message);
        Assert.Contains("1 not in the model (2.bias)", ex.Message);
        AssertBitwiseEqual(before, Weights(target));

        var report = target.Load(PathOf("m.safetensors"), strict: false);
        Assert.False(report.IsExactMatch);
        Assert.Equal(["3.weight", "3.bias"], report.Missing);
        Assert.Equal(["2.bias"], report.Unexpected);
        Assert.Equal(["0.weight", "0.bias", "2.weight"], report.Loaded);
        Assert.Equal(source[0].Parameters().First().ToFloatArray(), target[0].Parameters().First().ToFloatArray());
        Assert.Equal(before[^1], Weights(target)[^1]);
        Assert.Contains("missing 2 (3.weight, 3.bias)", report.ToString());
    }

    [Fact]
    public void UndescribableModelsSaveWeightsOnly()
    {
        var model = new Sequential(new Linear(2, 2), new Sequential(new Relu()));
        model.Save(PathOf("m.safetensors"));
        Assert.Null(ModuleSerialization.ReadDescription(PathOf("m.safetensors")));
        var ex = Assert.Throws<ModelFormatException>(() => ModuleSerialization.LoadModel(PathOf("m.safetensors")));
        Assert.Contains("stores no model description", ex.Message);
        var twin = new Sequential(new Linear(2, 2), new Sequential(new Relu()));
        Assert.True(twin.Load(PathOf("m.safetensors")).IsExactMatch);
        Assert.Null(twin.Load(PathOf("m.safetensors")).Description);
        // A description that does not fit the model is refused when saving.
        Assert.Throws<ArgumentException>(() => model.Save(PathOf("x.safetensors"), ModelDescription.Perceptron(3, 2)));
    }

    [Fact]
    public void AStoredDescriptionThatDisagreesWithTheTensorsIsRejected()
    {
        var model = ModelDescription.Mlp(2, [4], 2).Build(new RandomGenerator(1));
        model.Save(PathOf("m.safetensors"));
        byte[] file = File.ReadAllBytes(PathOf("m.safetensors"));
        byte[] hostile = Rewrite(file, (meta, _) => meta["deepsharp.model"] = ModelDescription.Mlp(2, [400], 2).ToJson());
        File.WriteAllBytes(PathOf("h.safetensors"), hostile);
        var ex = Assert.Throws<ModelFormatException>(() => ModuleSerialization.LoadModel(PathOf("h.safetensors")));
        Assert.Equal("0.weight", ex.TensorName);
        Assert.Contains("the model description gives (400, 2), the file holds (4, 2)", ex.Message);
        hostile = Rewrite(file, (meta, _) => meta["deepsharp.model"] = "{\"layers\":[{\"type\":\"Conv9d\"}]}");
        File.WriteAllBytes(PathOf("h.safetensors"), hostile);
        ex = Assert.Throws<ModelFormatException>(() => model.Load(PathOf("h.safetensors")));
        Assert.Contains("metadata 'deepsharp.model' is not a valid model description: layer 0: unknown layer type 'Conv9d'", ex.Message);
    }

    [Fact]
    public void ACheckpointFileLoadsIntoAModelThroughItsModelTensors()
    {
        var description = SmallDescription();
        var model = description.Build(new RandomGenerator(1));
        Checkpoint.Save(PathOf("c.safetensors"), model, epoch: 3);
        var target = description.Build(new RandomGenerator(2));
        Assert.True(target.Load(PathOf("c.safetensors")).IsExactMatch);
        AssertBitwiseEqual(Weights(model), Weights(target));
        AssertBitwiseEqual(Weights(model), Weights(ModuleSerialization.LoadModel(PathOf("c.safetensors"))));
    }

    [Fact]
    public void WeightsOfEveryDtypeAndF16FilesLoad()
    {
        var model = new Sequential(new Linear(2, 2, rng: new RandomGenerator(1)));
        var writer = new SafeTensorsWriter()
            .AddRaw("0.weight", SafeTensorsDType.Float16, [2, 2], [0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38, 0x00, 0x00]) // 1, -2, 0.5, 0
            .AddRaw("0.bias", SafeTensorsDType.BFloat16, [2], [0x80, 0x3F, 0x40, 0x40]); // 1, 3
        File.WriteAllBytes(PathOf("h.safetensors"), ToBytes(writer));
        model.Load(PathOf("h.safetensors"));
        Assert.Equal([1f, -2f, 0.5f, 0f], model[0].Parameters().First().ToFloatArray());
        Assert.Equal([1f, 3f], model[0].Parameters().Last().ToFloatArray());
        writer = new SafeTensorsWriter().AddInt32("0.weight", [2, 2], [1, 2, 3, 4]).AddFloat32("0.bias", [2], [0, 0]);
        File.WriteAllBytes(PathOf("h.safetensors"), ToBytes(writer));
        var ex = Assert.Throws<ModelFormatException>(() => model.Load(PathOf("h.safetensors")));
        Assert.Contains("the model's tensor is Float32, which cannot be loaded from I32", ex.Message);
    }
}
