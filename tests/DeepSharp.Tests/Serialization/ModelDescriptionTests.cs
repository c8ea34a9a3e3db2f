using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Serialization;

public sealed class ModelDescriptionTests
{
    private const string Example =
        """{"format":"deepsharp-model","version":1,"input":[784],"layers":[{"type":"Linear","in":784,"out":128},{"type":"ReLU"},{"type":"Dropout","p":0.2},{"type":"Linear","in":128,"out":10}]}""";

    [Fact]
    public void ParsesTheDocumentedExample()
    {
        var d = ModelDescription.Parse(Example);
        Assert.Equal([784], d.InputShape!);
        Assert.Equal(["Linear", "ReLU", "Dropout", "Linear"], d.Layers.Select(l => l.Type));
        Assert.Equal(784, d.Layers[0].GetInt("in"));
        Assert.True(d.Layers[0].GetBool("bias"));
        Assert.Equal(0.2, d.Layers[2].GetDouble("p"));
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, d.ParameterCount);
    }

    [Fact]
    public void JsonToModelToJsonRoundTrips()
    {
        var d = ModelDescription.Parse(Example);
        var model = d.Build(new RandomGenerator(1));
        Assert.Equal(d.ParameterCount, model.ParameterCount);
        var again = ModelDescription.FromModule(model);
        Assert.Equal(d, again);
        Assert.Equal(d.ToJson(), again.ToJson());
        Assert.Equal(d.ToJson(), ModelDescription.Parse(d.ToJson(indented: true)).ToJson());
        Assert.Equal(
            """{"format":"deepsharp-model","version":1,"input":[784],"layers":[{"type":"Linear","in":784,"out":128,"bias":true},{"type":"ReLU"},{"type":"Dropout","p":0.2},{"type":"Linear","in":128,"out":10,"bias":true}]}""",
            d.ToJson());
    }

    /// <summary>One description per layer type with non-default options where it has any.</summary>
    private static readonly string[] LayerExamples =
    [
        """{"type":"Linear","in":3,"out":2,"bias":false}""",
        """{"type":"Maxout","in":3,"out":2,"pieces":4}""",
        """{"type":"Dropout","p":0.25}""",
        """{"type":"Softmax","dim":1}""",
        """{"type":"LogSoftmax","dim":-2}""",
        """{"type":"ReLU"}""",
        """{"type":"LeakyReLU","slope":0.2}""",
        """{"type":"ShiftedReLU","shift":-0.5}""",
        """{"type":"ELU","alpha":0.7}""",
        """{"type":"Softplus","beta":2,"threshold":10}""",
        """{"type":"Swish","beta":1.5}""",
        """{"type":"SiLU"}""",
        """{"type":"GELU","approximation":"tanh"}""",
        """{"type":"Sigmoid"}""",
        """{"type":"Tanh"}""",
        """{"type":"Arctan"}""",
        """{"type":"Step","threshold":0.5}""",
        """{"type":"Sign"}""",
        """{"type":"Identity"}""",
        """{"type":"Conv2d","in":4,"out":6,"kernel":[3,2],"stride":[2,1],"padding":1,"dilation":[1,2],"groups":2,"bias":false}""",
        """{"type":"Conv1d","in":2,"out":4,"kernel":3,"stride":2,"padding":1,"dilation":1,"groups":1,"bias":true}""",
        """{"type":"Rnn","in":3,"hidden":4,"layers":2,"bias":false,"batchFirst":true,"dropout":0.25,"bidirectional":true,"nonlinearity":"relu"}""",
        """{"type":"Lstm","in":3,"hidden":5,"layers":1,"bias":true,"batchFirst":false,"dropout":0,"bidirectional":true}""",
        """{"type":"Gru","in":2,"hidden":3,"layers":3,"bias":true,"batchFirst":true,"dropout":0,"bidirectional":false}""",
        """{"type":"LastTimeStep","batchFirst":true}""",
        """{"type":"MaxPool2d","kernel":3,"stride":[1,2],"padding":1}""",
        """{"type":"AvgPool2d","kernel":[2,4],"stride":[2,4],"padding":[1,0],"countIncludePad":false}""",
        """{"type":"AdaptiveAvgPool2d","output":[3,1]}""",
        """{"type":"Flatten","startDim":2,"endDim":3}""",
        """{"type":"Reshape","shape":[2,-1,3]}""",
        """{"type":"ReLU6"}""",
        """{"type":"Hardtanh","min":-2,"max":0.5}""",
        """{"type":"Hardswish"}""",
        """{"type":"Mish"}""",
        """{"type":"SELU"}""",
        """{"type":"PReLU","num":3,"init":0.1}""",
        """{"type":"GLU","dim":1}""",
        """{"type":"BatchNorm1d","features":3,"eps":0.001,"momentum":-1,"affine":false,"trackRunningStats":true}""",
        """{"type":"BatchNorm2d","features":4,"eps":1E-05,"momentum":0.2,"affine":true,"trackRunningStats":false}""",
        """{"type":"LayerNorm","shape":[2,3],"eps":1E-06,"affine":true}""",
        """{"type":"GroupNorm","groups":2,"channels":4,"eps":1E-05,"affine":false}""",
        """{"type":"BasicBlock","in":4,"out":8,"stride":2}""",
        """{"type":"Embedding","num":10,"dim":4,"paddingIndex":0}""",
        """{"type":"SinusoidalPositionalEncoding","dim":6,"maxLength":32,"batchFirst":true}""",
        """{"type":"LearnedPositionalEmbedding","maxLength":16,"dim":4,"batchFirst":false}""",
        """{"type":"TransformerEncoderLayer","dim":8,"heads":2,"feedforward":16,"dropout":0,"activation":"gelu","eps":1E-05,"batchFirst":true,"normFirst":true}""",
    ];

    public static TheoryData<string> EveryLayerType() => new(LayerExamples);

    [Theory]
    [MemberData(nameof(EveryLayerType))]
    public void EveryLayerTypeRoundTripsThroughItsModule(string layerJson)
    {
        var d = ModelDescription.Parse($$"""{"layers":[{{layerJson}}]}""");
        Assert.Equal(layerJson, d.Layers[0].ToString());
        var model = d.Build(new RandomGenerator(3));
        Assert.Equal(d.Layers[0].Type, model[0].GetType().Name, ignoreCase: true); // JSON keeps PyTorch's spelling (ReLU), C# the .NET one (Relu)
        var back = LayerDescription.FromModule(model[0]);
        Assert.Equal(d.Layers[0], back);
        Assert.Equal(d.ParameterCount, model.ParameterCount);
        Assert.Equal(d.ParameterShapes.Select(p => (p.Name, string.Join(",", p.Shape))),
            model.NamedParameters().Select(p => (p.Name, string.Join(",", p.Value.ShapeArray))));
    }

    [Fact]
    public void EveryRegisteredTypeIsCoveredByTheRoundTripTheory()
    {
        var covered = LayerExamples.Select(json => ModelDescription.Parse($$"""{"layers":[{{json}}]}""").Layers[0].Type).ToHashSet();
        Assert.Equal(LayerDescription.KnownTypes.Order(), covered.Order());
    }

    [Theory]
    [InlineData(LeNetVariant.Classic)]
    [InlineData(LeNetVariant.Modern)]
    public void LeNet5PresetDescribesTheLibrarysLeNet5(LeNetVariant variant)
    {
        var description = ModelDescription.LeNet5(variant);
        Assert.Equal(61_706, description.ParameterCount);
        Assert.Equal([1, 28, 28], description.InputShape!);
        var model = Models.LeNet5(variant, new RandomGenerator(5));
        Assert.Equal(description.Layers, ModelDescription.FromModule(model).Layers);
        var built = description.Build(new RandomGenerator(5));
        foreach (var (p, q) in model.Parameters().Zip(built.Parameters())) Assert.Equal(p.ToFloatArray(), q.ToFloatArray());
        var x = Tensor.Randn([2, 1, 28, 28], new RandomGenerator(1));
        Assert.Equal(model.Forward(x).ToFloatArray(), built.Forward(x).ToFloatArray());
        Assert.Equal(description, ModelDescription.Parse(description.ToJson()));
    }

    [Fact]
    public void TheDocumentedTableListsEveryLayerTypeAndOption()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeepSharp.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var rows = File.ReadAllLines(Path.Combine(dir.FullName, "docs", "model-format.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToArray();
        foreach (var type in LayerDescription.KnownTypes)
        {
            string? row = rows.FirstOrDefault(r => r.StartsWith($"| `{type}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/model-format.md has no row for {type}");
            var layer = ModelDescription.Parse(LayerExamples.First(j => j.Contains($"\"{type}\"", StringComparison.Ordinal)).Insert(0, "[") + "]").Layers[0];
            foreach (var (option, _) in layer.Options) Assert.Contains($"`{option}`", row);
        }
    }

    [Fact]
    public void PoolStrideDefaultsToTheKernel()
    {
        var pool = ModelDescription.Parse("""[{"type":"MaxPool2d","kernel":[2,3]}]""").Layers[0];
        Assert.Equal([2, 3], pool.GetInts("stride"));
        Assert.Equal("""{"type":"MaxPool2d","kernel":[2,3],"stride":[2,3],"padding":0}""", pool.ToString());
    }

    [Fact]
    public void BuildIsSeededAndInitializesInLayerOrder()
    {
        var d = ModelDescription.Mlp(4, [5, 6], 3, LayerDescription.Activation("tanh"));
        var a = d.Build(new RandomGenerator(7));
        var b = d.Build(new RandomGenerator(7));
        var c = d.Build(new RandomGenerator(8));
        Assert.Equal(a[0].Parameters().First().ToFloatArray(), b[0].Parameters().First().ToFloatArray());
        Assert.NotEqual(a[0].Parameters().First().ToFloatArray(), c[0].Parameters().First().ToFloatArray());
        // The same layers built by hand from the same generator get the same weights.
        var rng = new RandomGenerator(7);
        var manual = new Sequential(new Linear(4, 5, rng: rng), new Tanh(), new Linear(5, 6, rng: rng), new Tanh(), new Linear(6, 3, rng: rng));
        foreach (var (p, q) in a.Parameters().Zip(manual.Parameters())) Assert.Equal(q.ToFloatArray(), p.ToFloatArray());
    }

    [Fact]
    public void PresetsHaveTheExpectedLayersAndCounts()
    {
        var mlp = ModelDescription.Mlp(8, [9, 9, 9], 4);
        Assert.Equal(8 * 9 + 9 + 2 * (9 * 9 + 9) + 9 * 4 + 4, mlp.ParameterCount);
        Assert.Equal(["Linear", "ReLU", "Linear", "ReLU", "Linear", "ReLU", "Linear"], mlp.Layers.Select(l => l.Type));
        Assert.Equal([8], mlp.InputShape!);
        var perceptron = ModelDescription.Perceptron(2, 3);
        Assert.Single(perceptron.Layers);
        Assert.Equal(9, perceptron.ParameterCount);
        Assert.Equal(3, ModelDescription.Mlp(2, [], 1).ParameterCount);
        Assert.Throws<ArgumentException>(() => ModelDescription.Mlp(2, [3], 1, LayerDescription.Linear(1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelDescription.Mlp(2, [0], 1));
    }

    [Theory]
    [InlineData("relu", "ReLU")]
    [InlineData("leaky-relu", "LeakyReLU")]
    [InlineData("LEAKY_RELU", "LeakyReLU")]
    [InlineData("gelu", "GELU")]
    [InlineData("sigmoid", "Sigmoid")]
    public void ActivationsAreFoundByName(string name, string type) => Assert.Equal(type, LayerDescription.Activation(name).Type);

    [Fact]
    public void UnknownActivationListsTheAcceptedNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => LayerDescription.Activation("linear"));
        Assert.Contains("'linear'", ex.Message);
        Assert.Contains("relu, leakyrelu", ex.Message);
        Assert.Throws<ArgumentException>(() => LayerDescription.Activation("dropout"));
    }

    [Fact]
    public void ArrayShorthandAndCaseInsensitiveTypesAreAccepted()
    {
        var d = ModelDescription.Parse("""[{"type":"linear","in":2,"out":1}, {"type":"sigmoid"},] // trailing comma and comment""");
        Assert.Equal(["Linear", "Sigmoid"], d.Layers.Select(l => l.Type));
        Assert.Null(d.InputShape);
    }

    [Theory]
    [InlineData("""{"layers":[{"type":"ReLU"},{"type":"Relu7"}]}""", "layer 1: unknown layer type 'Relu7'; known types: Linear, Maxout")]
    [InlineData("""{"layers":[{"type":"Linear","in":2,"out":1},{"type":"ReLU"},{"type":"Dropout","rate":0.2}]}""", "layer 2 (Dropout): unknown option 'rate'; Dropout accepts p.")]
    [InlineData("""{"layers":[{"type":"Linear","in":2}]}""", "layer 0 (Linear): missing required option 'out' (an integer >= 1).")]
    [InlineData("""{"layers":[{"type":"Linear","in":0,"out":1}]}""", "layer 0 (Linear): option 'in' expects an integer >= 1, found 0.")]
    [InlineData("""{"layers":[{"type":"Linear","in":2.5,"out":1}]}""", "option 'in' expects an integer >= 1, found 2.5.")]
    [InlineData("""{"layers":[{"type":"Linear","in":"2","out":1}]}""", "option 'in' expects an integer >= 1, found \"2\".")]
    [InlineData("""{"layers":[{"type":"Dropout","p":1.5}]}""", "option 'p' expects a number in [0, 1], found 1.5.")]
    [InlineData("""{"layers":[{"type":"Linear","in":2,"out":1,"bias":1}]}""", "option 'bias' expects true or false, found 1.")]
    [InlineData("""{"layers":[{"type":"GELU","approximation":"fast"}]}""", "option 'approximation' expects one of \"none\", \"tanh\", found \"fast\".")]
    [InlineData("""{"layers":[{"type":"Softplus","beta":0}]}""", "option 'beta' expects a positive finite number, found 0.")]
    [InlineData("""{"layers":[{"type":"ReLU","type":"Tanh"}]}""", "'type' appears more than once.")]
    [InlineData("""{"layers":[{"in":2}]}""", "layer 0: missing the string \"type\"")]
    [InlineData("""{"layers":[42]}""", "layer 0: expected an object")]
    [InlineData("""{"layers":[]}""", "a model needs 1 to 10000 layers, found 0.")]
    [InlineData("""{"layer":[{"type":"ReLU"}]}""", "unknown field \"layer\"; accepted fields: format, version, input, layers.")]
    [InlineData("""{"format":"onnx","layers":[{"type":"ReLU"}]}""", "\"format\" must be \"deepsharp-model\"")]
    [InlineData("""{"version":2,"layers":[{"type":"ReLU"}]}""", "\"version\" must be 1")]
    [InlineData("""{"input":[0],"layers":[{"type":"ReLU"}]}""", "\"input\" must be the sample shape")]
    [InlineData("""{"input":[2],"input":[2],"layers":[{"type":"ReLU"}]}""", "the field \"input\" appears more than once.")]
    [InlineData("""{"layers":{"type":"ReLU"}}""", "\"layers\" must be an array of layer objects, found an object.")]
    [InlineData("""{"format":"deepsharp-model"}""", "\"layers\" must be an array of layer objects, found nothing.")]
    [InlineData("""{"layers":[{"type":"ReLU"}""", "malformed JSON model description")]
    [InlineData("42", "a model description is an object with \"layers\"")]
    [InlineData("""{"layers":[{"type":"Linear","in":100000,"out":100000}]}""", "parameter 'weight' of shape (100000, 100000) exceeds the largest tensor")]
    [InlineData("""{"layers":[{"type":"Maxout","in":2,"out":2000000000,"pieces":2000000000}]}""", "exceeds the largest tensor")]
    [InlineData("""[{"type":"Conv2d","in":3,"out":4,"kernel":3,"groups":2}]""", "layer 0 (Conv2d): option 'groups' (2) must divide 'in' (3) and 'out' (4).")]
    [InlineData("""[{"type":"Conv2d","in":3,"out":4,"kernel":[3,3,3]}]""", "option 'kernel' expects an integer in [1, 65536] or [height, width] of such integers, found [3, 3, 3].")]
    [InlineData("""[{"type":"Conv2d","in":3,"out":4}]""", "missing required option 'kernel'")]
    [InlineData("""[{"type":"MaxPool2d","kernel":2,"padding":2}]""", "option 'padding' [2, 2] must be at most half the kernel [2, 2].")]
    [InlineData("""[{"type":"MaxPool2d","kernel":2,"countIncludePad":true}]""", "unknown option 'countIncludePad'; MaxPool2d accepts kernel, stride, padding.")]
    [InlineData("""[{"type":"Reshape","shape":[-1,-1]}]""", "option 'shape' needs sizes >= 1 with at most one -1, found [-1, -1].")]
    [InlineData("""[{"type":"Reshape","shape":[]}]""", "option 'shape' expects a list of 1 to 8 integers >= -1, found [].")]
    public void InvalidDescriptionsNameTheLayerTheOptionAndWhatIsAccepted(string json, string expected)
    {
        var ex = Assert.Throws<ModelFormatException>(() => ModelDescription.Parse(json, "net.json"));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("Invalid model file 'net.json'", ex.Message);
    }

    [Fact]
    public void DeeplyNestedOrHugeInputIsRejected()
    {
        string deep = new string('[', 100) + new string(']', 100);
        Assert.Throws<ModelFormatException>(() => ModelDescription.Parse(deep));
        Assert.Throws<ModelFormatException>(() => ModelDescription.Parse(new string(' ', ModelDescription.MaxJsonLength + 1)));
        Assert.Throws<ModelFormatException>(() => ModelDescription.Parse("""{"layers":[{"type":"\uD800"}]}"""));
    }

    [Fact]
    public void ProgrammaticConstructionValidatesLikeParsing()
    {
        var linear = new LayerDescription("linear", new Dictionary<string, object> { ["in"] = 3L, ["out"] = 2 });
        Assert.Equal("""{"type":"Linear","in":3,"out":2,"bias":true}""", linear.ToString());
        Assert.Equal(linear, LayerDescription.Linear(3, 2));
        var ex = Assert.Throws<ArgumentException>(() => new LayerDescription("Linear", new Dictionary<string, object> { ["in"] = 3 }));
        Assert.Contains("missing required option 'out'", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new LayerDescription("Dropout", new Dictionary<string, object> { ["q"] = 0.1 }));
        Assert.Contains("unknown option 'q'; Dropout accepts p.", ex.Message);
        Assert.Throws<ArgumentException>(() => new LayerDescription("Nope"));
        Assert.Throws<ArgumentException>(() => new ModelDescription([]));
        Assert.Throws<ArgumentException>(() => new ModelDescription([linear], [0]));
        Assert.Throws<KeyNotFoundException>(() => linear.GetInt("pieces"));
        Assert.Throws<InvalidCastException>(() => linear.GetDouble("in"));
    }

    [Fact]
    public void ModulesOfUnknownTypesCannotBeDescribed()
    {
        var model = new Sequential(new Linear(2, 2), new Sequential(new Relu()));
        var ex = Assert.Throws<ArgumentException>(() => ModelDescription.FromModule(model));
        Assert.Contains("Layer 1 (Sequential)", ex.Message);
        Assert.False(ModelDescription.TryFromModule(new Linear(2, 2), out _));
        Assert.False(ModelDescription.TryFromModule(new Sequential(), out _));
        Assert.True(ModelDescription.TryFromModule(new Sequential(new Maxout(3, 2, 2)), out var d));
        Assert.Equal([3], d.InputShape!);
    }

    [Fact]
    public void SaveAndLoadAFile()
    {
        string dir = Directory.CreateTempSubdirectory("deepsharp-md").FullName;
        try
        {
            string path = Path.Combine(dir, "net.json");
            var d = ModelDescription.Mlp(2, [16], 2, LayerDescription.Activation("leaky-relu"));
            d.Save(path);
            Assert.Equal(d, ModelDescription.Load(path));
            File.WriteAllBytes(path, [0x7B, 0xFF, 0x7D]);
            Assert.Contains("not valid UTF-8", Assert.Throws<ModelFormatException>(() => ModelDescription.Load(path)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
