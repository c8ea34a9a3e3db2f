using DeepSharp.Autograd;
using DeepSharp.Serialization;
using DeepSharp.Serialization.Onnx;
using DeepSharp.Tensors;
using Xunit.Abstractions;

namespace DeepSharp.Tests.Serialization.Onnx;

/// <summary>PyTorch's own ONNX exports (made by Data/make_torch_onnx.py, committed) import and give ONNX Runtime's
/// outputs; DeepSharp's exports import back to the same outputs; unsupported ops and broken files are one clear error.</summary>
public sealed class OnnxImportTests(ITestOutputHelper output)
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Serialization", "Onnx", "Data", name);

    [Theory]
    [InlineData("torch_mlp.onnx", new[] { 20 })]
    [InlineData("torch_lenet5.onnx", new[] { 1, 28, 28 })]
    [InlineData("torch_cnn_batchnorm.onnx", new[] { 1, 28, 28 })]
    [InlineData("torch_lstm.onnx", new[] { 6, 5 })]
    public void PyTorchExportsGiveOnnxRuntimesOutputs(string file, int[] sampleShape)
    {
        string path = DataFile(file);
        var model = OnnxModel.Load(path);
        output.WriteLine(model.ToString());
        var input = Tensor.Randn([3, .. sampleShape], new RandomGenerator(11));
        Tensor actual;
        using (GradMode.NoGrad()) actual = model.Forward(input);
        var expected = OnnxRuntimeRunner.Run(File.ReadAllBytes(path), input);
        Assert.Equal(expected.Shape, actual.ShapeArray);
        double error = OnnxRuntimeRunner.RelativeError(actual.ToFloatArray(), expected.Values);
        output.WriteLine($"{file}: relative error {error:E2}");
        Assert.True(error <= 1e-5, $"{file}: DeepSharp differs from ONNX Runtime by {error:E3} (relative)");
    }

    [Fact]
    public void ImportedLstmOwnsARecurrentLayerAndTheHeadIsParameters()
    {
        var model = OnnxModel.Load(DataFile("torch_lstm.onnx"));
        Assert.Equal(2, model.NamedModules().Count(m => m.Module is DeepSharp.Nn.Lstm));
        Assert.Contains(model.NamedParameters(), p => p.Name == "head_weight");
        Assert.Equal([null, null, 5], model.InputShape);
    }

    [Theory]
    [MemberData(nameof(OnnxTestModels.All), MemberType = typeof(OnnxTestModels))]
    public void DeepSharpExportsImportBack(string name)
    {
        var (model, sampleShape) = OnnxTestModels.Build(name);
        byte[] bytes = OnnxExport.ToOnnxBytes(model, sampleShape);
        if (name == "gelu-softplus")
        {
            // Opset 17 has no Gelu; the export composes it with Erf, which the importer does not run.
            var ex = Assert.Throws<ModelFormatException>(() => OnnxModel.Parse(new MemoryStream(bytes), "gelu.onnx"));
            Assert.Contains("op 'Erf'", ex.Message);
            Assert.Contains("node '", ex.Message);
            return;
        }
        var imported = OnnxModel.Parse(new MemoryStream(bytes), name + ".onnx");
        model.Eval();
        var input = OnnxTestModels.Input(name, sampleShape, batch: 3, seq: 4, new RandomGenerator(5));
        Tensor expected, actual;
        using (GradMode.NoGrad())
        {
            expected = model.Forward(input);
            actual = imported.Forward(input);
        }
        Assert.Equal(expected.ShapeArray, actual.ShapeArray);
        double error = OnnxRuntimeRunner.RelativeError(actual.ToFloatArray(), expected.ToFloatArray());
        Assert.True(error <= 1e-5, $"{name}: the imported model differs by {error:E3} (relative)");
    }

    [Fact]
    public void BrokenFilesAreModelFormatErrors()
    {
        Assert.Throws<ModelFormatException>(() => OnnxModel.Parse(new MemoryStream([0xff, 0xff, 0xff, 0x01, 0x02]), "junk.onnx"));
        var bytes = File.ReadAllBytes(DataFile("torch_mlp.onnx"));
        int failures = 0;
        var rng = new Random(3);
        for (int i = 0; i < 200; i++)
        {
            var copy = (byte[])bytes.Clone();
            for (int k = 0; k < 4; k++) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            try
            {
                var model = OnnxModel.Parse(new MemoryStream(copy), "mutated.onnx");
                using (GradMode.NoGrad()) model.Forward(Tensor.Randn([2, 20], new RandomGenerator(1)));
            }
            catch (Exception ex) when (ex is ModelFormatException or ShapeMismatchException)
            {
                failures++;
            }
        }
        output.WriteLine($"{failures} of 200 mutated files rejected with a typed error; the rest still ran.");
    }

    [Fact]
    public void AWrongInputShapeIsAShapeError()
    {
        var model = OnnxModel.Load(DataFile("torch_lenet5.onnx"));
        var ex = Assert.Throws<ShapeMismatchException>(() => model.Forward(Tensor.Zeros(2, 784)));
        Assert.Contains("(N, 1, 28, 28)", ex.Message);
    }
}
