using DeepSharp.Autograd;
using DeepSharp.Serialization.Onnx;
using DeepSharp.Tensors;
using DeepSharp.Tests.TestSupport;
using Xunit.Abstractions;

namespace DeepSharp.Tests.Serialization.Onnx;

/// <summary>Every built-in layer and model, exported to ONNX, runs in ONNX Runtime and gives DeepSharp's outputs
/// (≤ 1e-5 relative to the largest output) on random inputs of another batch size (and sequence length).</summary>
public sealed class OnnxExportRuntimeTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(OnnxTestModels.All), MemberType = typeof(OnnxTestModels))]
    public void OnnxRuntimeGivesDeepSharpsOutputs(string name)
    {
        var (model, sampleShape) = OnnxTestModels.Build(name);
        byte[] bytes = OnnxExport.ToOnnxBytes(model, sampleShape);
        Assert.True(model.IsTraining, "export must leave the model in its training mode");
        model.Eval();
        var input = OnnxTestModels.Input(name, sampleShape, batch: 3, seq: 4, new RandomGenerator(7));
        Tensor expected;
        using (GradMode.NoGrad()) expected = model.Forward(input);
        var actual = OnnxRuntimeRunner.Run(bytes, input);
        Assert.Equal(expected.ShapeArray, actual.Shape);
        double error = OnnxRuntimeRunner.RelativeError(actual.Values, expected.ToFloatArray());
        output.WriteLine($"{name}: {bytes.Length} bytes, output {Shapes.Format(expected.Shape)}, relative error {error:E2}");
        Assert.True(error <= 1e-5, $"{name}: ONNX Runtime differs from DeepSharp by {error:E3} (relative)");
    }

    [Fact]
    public void ExportWritesTheFileAtomically()
    {
        using var dir = new SafeTensorsTestData.TempDirectory();
        var (model, shape) = OnnxTestModels.Build("lenet5");
        string path = Path.Combine(dir.Path, "lenet5.onnx");
        model.ExportOnnx(path, shape);
        Assert.Equal(OnnxExport.ToOnnxBytes(model, shape), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void AnUnmappedLayerIsOneClearError()
    {
        var model = new DeepSharp.Nn.Sequential(new DeepSharp.Nn.Linear(4, 4), new DeepSharp.Nn.AdaptiveAvgPool2d((3, 3)));
        var ex = Assert.Throws<NotSupportedException>(() => OnnxExport.ToOnnxBytes(new DeepSharp.Nn.Sequential(new DeepSharp.Nn.Conv2d(1, 1, 1), new DeepSharp.Nn.AdaptiveAvgPool2d((3, 3))), 1, 7, 7));
        Assert.Contains("'1'", ex.Message);
        Assert.Contains("AdaptiveAvgPool2d", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExport.ToOnnxBytes(model, 0));
    }

    [SkippableFact]
    public void OnnxCheckerAcceptsEveryExportedFile()
    {
        string? python = PythonModules.Find("onnx");
        Skip.If(python is null, "python3 with the onnx package (Debian: python3-onnx) is not installed");
        using var dir = new SafeTensorsTestData.TempDirectory();
        var files = new List<string>();
        foreach (var name in OnnxTestModels.Names)
        {
            var (model, shape) = OnnxTestModels.Build(name);
            string path = Path.Combine(dir.Path, name + ".onnx");
            model.ExportOnnx(path, shape);
            files.Add(path);
        }
        const string script = """
            import sys, onnx
            for f in sys.argv[1:]:
                m = onnx.load(f)
                onnx.checker.check_model(m, full_check=True)
                assert m.opset_import[0].version == 17, f
                print('ok', f)
            """;
        var (code, stdout, stderr) = PythonModules.Run(python!, script, files);
        output.WriteLine(stdout);
        Assert.True(code == 0, $"onnx.checker rejected a file: {stderr}");
        Assert.Equal(files.Count, stdout.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }
}
