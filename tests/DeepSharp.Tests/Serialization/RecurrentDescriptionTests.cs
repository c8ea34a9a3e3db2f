using DeepSharp.Training;
using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Serialization;

/// <summary>The recurrent layers in the JSON model format and in weight files.</summary>
public sealed class RecurrentDescriptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepsharp-rnn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Classifier = """
        {"layers":[
          {"type":"Lstm","in":3,"hidden":4,"layers":2,"batchFirst":true,"bidirectional":true},
          {"type":"LastTimeStep","batchFirst":true},
          {"type":"Linear","in":8,"out":2}]}
        """;

    [Fact]
    public void SequenceClassifierRoundTripsThroughJsonAndAWeightFile()
    {
        var description = ModelDescription.Parse(Classifier);
        var model = description.Build(new RandomGenerator(2));
        Assert.IsType<Lstm>(model[0]);
        Assert.Equal(new RecurrentOptions(3, 4, 2, BatchFirst: true, Bidirectional: true), ((Lstm)model[0]).Options);
        Assert.Equal(description.ParameterShapes.Select(p => (p.Name, string.Join(",", p.Shape))),
            model.NamedParameters().Select(p => (p.Name, string.Join(",", p.Value.ShapeArray))));
        Assert.Equal("0.weight_ih_l1_reverse", description.ParameterShapes[12].Name);
        Assert.Equal(description, ModelDescription.FromModule(model));

        var path = Path.Combine(_dir, "lstm.safetensors");
        model.Save(path);
        var loaded = ModuleSerialization.LoadModel(path);
        var x = Tensor.Randn([5, 6, 3], new RandomGenerator(3));
        Assert.Equal(model.Forward(x).ToFloatArray(), loaded.Forward(x).ToFloatArray());
    }

    [Fact]
    public void InvalidRecurrentOptionsAreRejectedWithTheOptionsName()
    {
        var ex = Assert.ThrowsAny<Exception>(() => ModelDescription.Parse("""{"layers":[{"type":"Gru","in":3,"hidden":4,"layers":0}]}"""));
        Assert.Contains("layers", ex.Message);
        ex = Assert.ThrowsAny<Exception>(() => ModelDescription.Parse("""{"layers":[{"type":"Lstm","in":3,"hidden":4,"nonlinearity":"relu"}]}"""));
        Assert.Contains("nonlinearity", ex.Message);
        ex = Assert.ThrowsAny<Exception>(() => ModelDescription.Parse("""{"layers":[{"type":"Rnn","in":3,"hidden":4,"nonlinearity":"sigmoid"}]}"""));
        Assert.Contains("sigmoid", ex.Message);
    }

    [Fact]
    public void ACheckpointRestoresTheDropoutGeneratorOfARecurrentLayer()
    {
        // Two layers with dropout between them: the masks come from the layer's own generator,
        // which a checkpoint must carry for an exact resume.
        Sequential Build(ulong seed) => new(new Lstm(new RecurrentOptions(3, 4, NumLayers: 2, Dropout: 0.5), new RandomGenerator(seed)), new LastTimeStep());
        var model = Build(1);
        var x = Tensor.Randn([5, 2, 3], new RandomGenerator(7));
        model.Forward(x); // advances the dropout generator
        var checkpoint = Checkpoint.Capture(model);
        Assert.Contains("model.0", checkpoint.GeneratorNames);
        var expected = model.Forward(x).ToArray<float>();

        var twin = Build(2); // other weights, other generator state
        Assert.True(checkpoint.RestoreModel(twin).IsExactMatch);
        Assert.Equal(expected, twin.Forward(x).ToArray<float>());
    }
}
