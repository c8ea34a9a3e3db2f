using DeepSharp.Data;
using DeepSharp.Tensors;
using DeepSharp.Tests.TestSupport;
using Xunit.Abstractions;

namespace DeepSharp.Tests.Fuzz;

/// <summary>
/// Mutated CSV tables: reading either succeeds or throws <see cref="DataFormatException"/>; a table
/// read has consistent sizes, finite features and at least one feature column.
/// </summary>
public sealed class CsvFuzzTests(ITestOutputHelper output)
{
    private const string Alphabet = "0123456789,.-+eE\"\n\r; \tabcNaInfy";

    private static readonly string[] Seeds =
    [
        "sepal,petal,class\n5.1,3.5,setosa\n4.9,3.0,setosa\n6.3,2.9,virginica\n5.8,2.7,virginica\n",
        "x,y,label\n0.5,-1.25,0\n1e3,2,1\n-3.5e-2,0,2\n\"4\",\"5.5\",1\n",
        "a;b;c;label\n1;2;3;yes\n4;5;6;no\n",
        "1,2,0\n3,4,1\n5,6,0\n",
    ];

    [Fact]
    public void MutatedTablesReadOrRaiseDataFormatException()
    {
        int iterations = FuzzLoop.Iterations(3_000);
        var rng = new RandomGenerator(17_0002);
        var outcome = FuzzLoop.Run<DataFormatException>(iterations, _ =>
        {
            int seed = rng.NextInt(Seeds.Length);
            var (text, description) = TextMutations.Mutate(Seeds[seed], rng, Alphabet, 6);
            var options = new CsvReadOptions
            {
                Delimiter = seed == 2 ? ';' : ',',
                HasHeader = seed != 3,
                Label = rng.NextInt(4) switch { 0 => null, 1 => CsvLabel.ByIndex(rng.NextInt(6)), 2 when seed != 3 => CsvLabel.ByName("label"), _ => CsvLabel.Last },
                MaxValues = rng.NextInt(10) == 0 ? 1 + rng.NextInt(12) : CsvReadOptions.DefaultMaxValues,
            };
            return new FuzzLoop.Case(System.Text.Encoding.UTF8.GetBytes(text), $"seed {seed}, {description}", () => Check(text, options));
        }, ex => Assert.StartsWith("fuzz.csv", ex.Message), fixedBytes: 1 << 20, bytesPerInputByte: 512);
        output.WriteLine($"{iterations} mutated tables in {outcome.Milliseconds} ms: {outcome.Accepted} read, {outcome.Rejected} rejected");
        outcome.AssertBothOutcomesCommon(minAccepted: iterations / 50, minRejected: iterations / 10);
    }

    internal static void Check(string text, CsvReadOptions options)
    {
        var data = CsvDataReader.Read(new StringReader(text), "fuzz.csv", options);
        Assert.True(data.FeatureCount >= 1);
        Assert.Equal((long)data.N * data.FeatureCount, data.Features.LongLength);
        Assert.True((long)data.N * (data.FeatureCount + (data.LabelName is null ? 0 : 1)) <= options.MaxValues);
        Assert.All(data.Features, v => Assert.True(float.IsFinite(v)));
        if (data.ClassLabels is { } labels) Assert.All(labels, l => Assert.InRange(l, 0, data.ClassNames!.Length - 1));
    }
}
