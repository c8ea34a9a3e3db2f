using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using DeepSharp.Tests.TestSupport;
using Xunit.Abstractions;

namespace DeepSharp.Tests.Fuzz;

/// <summary>
/// Mutated JSON model descriptions: parsing either succeeds or throws <see cref="ModelFormatException"/>;
/// a parsed description is within the size limits, writes back to JSON that parses to an equal one,
/// and builds (when small) without an exception: it was validated completely.
/// </summary>
public sealed class ModelDescriptionFuzzTests(ITestOutputHelper output)
{
    private const string Alphabet = "{}[]\":,0123456789-.eE\\ truefalsnul";

    private static readonly string[] Seeds =
    [
        ModelDescription.LeNet5(LeNetVariant.Classic).ToJson(),
        ModelDescription.Mlp(4, [8, 6], 3).ToJson(),
        """{"input":[6,3],"layers":[{"type":"Lstm","in":3,"hidden":4,"layers":2,"bidirectional":true,"dropout":0.1},{"type":"LastTimeStep"},{"type":"Linear","in":8,"out":2}]}""",
        """{"input":[2,9,9],"layers":[{"type":"Conv2d","in":2,"out":4,"kernel":[3,2],"stride":2,"padding":1,"dilation":1,"groups":2},{"type":"AvgPool2d","kernel":2,"padding":1},{"type":"AdaptiveAvgPool2d","output":2},{"type":"Flatten"},{"type":"Reshape","shape":[2,-1]},{"type":"Flatten"},{"type":"Dropout","p":0.5},{"type":"LeakyReLU"},{"type":"Linear","in":16,"out":2,"bias":false}]}""",
        """[{"type":"Conv1d","in":2,"out":2,"kernel":3,"padding":1},{"type":"Gru","in":2,"hidden":2,"batchFirst":true},{"type":"Rnn","in":2,"hidden":2,"nonlinearity":"relu"}]""",
    ];

    [Fact]
    public void MutatedDescriptionsParseOrRaiseModelFormatException()
    {
        int iterations = FuzzLoop.Iterations(3_000);
        var rng = new RandomGenerator(17_0001);
        var outcome = FuzzLoop.Run<ModelFormatException>(iterations, _ =>
        {
            var (text, description) = TextMutations.Mutate(Seeds[rng.NextInt(Seeds.Length)], rng, Alphabet, 2);
            return new FuzzLoop.Case(System.Text.Encoding.UTF8.GetBytes(text), description, () => Check(text));
        }, ex => Assert.False(string.IsNullOrWhiteSpace(ex.Problem)), fixedBytes: 16 << 20, bytesPerInputByte: 256);
        output.WriteLine($"{iterations} mutated descriptions in {outcome.Milliseconds} ms: {outcome.Accepted} parsed, {outcome.Rejected} rejected, "
            + $"largest allocation {outcome.WorstAllocation} bytes");
        outcome.AssertBothOutcomesCommon(minAccepted: iterations / 100, minRejected: iterations / 4);
    }

    /// <summary>Parses, and checks what a parsed description promises.</summary>
    internal static void Check(string text)
    {
        var description = ModelDescription.Parse(text, "fuzz.json");
        Assert.InRange(description.ParameterCount, 0, ModelDescription.MaxParameters);
        Assert.Equal(description, ModelDescription.Parse(description.ToJson(), "fuzz.json"));
        if (description.ParameterCount <= 100_000)
            Assert.Equal(description.ParameterCount, description.Build(new RandomGenerator(1)).ParameterCount);
    }
}
