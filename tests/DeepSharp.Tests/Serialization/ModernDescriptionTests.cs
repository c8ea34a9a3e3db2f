using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Serialization.CheckpointTestData;

namespace DeepSharp.Tests.Serialization;

/// <summary>The ResNet preset and the layers with buffers through the model format and weights files.</summary>
public sealed class ModernDescriptionTests : IDisposable
{
    private readonly string _dir = TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(16, new[] { 2, 2, 2 }, 174_970)]
    [InlineData(64, new[] { 2, 2, 2, 2 }, 11_172_810)]
    [InlineData(64, new[] { 2, 2, 2 }, 2_776_522)]
    public void ResNetPresetDescribesTheLibrarysResNet(int width, int[] blocks, long parameters)
    {
        var options = new ResNetOptions(1, 10, width, blocks);
        var description = ModelDescription.ResNet(options, [1, 28, 28]);
        Assert.Equal(parameters, description.ParameterCount);
        var model = Models.ResNet(options, new RandomGenerator(0));
        Assert.Equal(parameters, model.ParameterCount);
        Assert.Equal(description.Layers, ModelDescription.FromModule(model).Layers);
        Assert.Equal(description.BufferShapes.Select(b => (b.Name, string.Join(",", b.Shape))),
            model.NamedBuffers().Select(b => (b.Name, string.Join(",", b.Value.ShapeArray))));
        Assert.Equal(description, ModelDescription.Parse(description.ToJson()));
    }

    [Fact]
    public void RunningStatisticsAreSavedAndTheModelRebuildsFromTheFile()
    {
        var model = Models.ResNet(new ResNetOptions(1, 3, 4, [1, 1]), new RandomGenerator(1));
        var x = Tensor.Randn([4, 1, 8, 8], new RandomGenerator(2));
        using (GradMode.NoGrad()) model.Forward(x); // one training step of the running statistics
        model.Eval();
        var expected = model.Forward(x).ToFloatArray();
        string path = Path.Combine(_dir, "resnet.safetensors");
        model.Save(path);

        var rebuilt = ModuleSerialization.LoadModel(path);
        rebuilt.Eval();
        Assert.Equal(expected, rebuilt.Forward(x).ToFloatArray());
        var bn = (BatchNorm2d)rebuilt[1];
        Assert.Equal(1, bn.NumBatchesTracked!.Item());
        Assert.NotEqual(new float[bn.NumFeatures], bn.RunningMean!.ToFloatArray());
    }

    [Fact]
    public void ATransformerClassifierRoundTripsThroughJsonAndWeights()
    {
        string json = """
            {"input":[5],"layers":[
              {"type":"Embedding","num":7,"dim":8},
              {"type":"SinusoidalPositionalEncoding","dim":8,"maxLength":16,"batchFirst":true},
              {"type":"TransformerEncoderLayer","dim":8,"heads":2,"feedforward":16,"dropout":0,"batchFirst":true},
              {"type":"LayerNorm","shape":[8]},
              {"type":"LastTimeStep","batchFirst":true},
              {"type":"Linear","in":8,"out":3}]}
            """;
        var description = ModelDescription.Parse(json);
        var model = description.Build(new RandomGenerator(4));
        var tokens = Tensor.FromArray(new[] { 1, 2, 3, 4, 5, 6, 0, 1, 2, 3 }, 2, 5);
        var expected = model.Forward(tokens).ToFloatArray();
        Assert.Equal(2 * 3, expected.Length);
        string path = Path.Combine(_dir, "transformer.safetensors");
        model.Save(path);
        var rebuilt = ModuleSerialization.LoadModel(path);
        Assert.Equal(expected, rebuilt.Forward(tokens).ToFloatArray());
    }

    [Fact]
    public void ModuleToFloat64KeepsTheTensorsAndTheirValues()
    {
        var block = new BasicBlock(2, 3, 2, new RandomGenerator(3));
        var tensors = block.StateDict().Select(s => s.Value).ToArray();
        var before = tensors.Select(t => t.ToDoubleArray()).ToArray();
        block.To(DType.Float64);
        Assert.All(block.Parameters(), p => Assert.Equal(DType.Float64, p.DType));
        Assert.Equal(DType.Int32, block.Bn1.NumBatchesTracked!.DType);
        Assert.True(tensors.Zip(block.StateDict().Select(s => s.Value)).All(p => ReferenceEquals(p.First, p.Second)));
        Assert.Equal(before, tensors.Select(t => t.ToDoubleArray()).ToArray());
        var y = block.Forward(Tensor.Randn([2, 2, 5, 5], new RandomGenerator(1), DType.Float64));
        Assert.Equal(DType.Float64, y.DType);
        Assert.Throws<ArgumentOutOfRangeException>(() => block.To(DType.Int32));
    }
}
