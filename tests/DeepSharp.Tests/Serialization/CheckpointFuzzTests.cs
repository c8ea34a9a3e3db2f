using System.Text;
using DeepSharp.Data;
using DeepSharp.Optim;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using DeepSharp.Tests.TestSupport;
using DeepSharp.Training;
using Xunit.Abstractions;
using static DeepSharp.Tests.Serialization.CheckpointTestData;

namespace DeepSharp.Tests.Serialization;

/// <summary>
/// A seeded mutation fuzz loop over small checkpoints: every outcome of loading (and rebuilding
/// and restoring) is a success or a <see cref="ModelFormatException"/>, never another exception,
/// and allocation stays within a small multiple of the file size.
/// </summary>
public sealed class CheckpointFuzzTests(ITestOutputHelper output)
{
    private static readonly int Iterations = FuzzLoop.Iterations(2_000);
    private static readonly byte[] Interesting = Encoding.ASCII.GetBytes("{}[]\":,0123456789-.eE\\ _ntu");
    private static readonly string[] Numbers = ["0", "1", "-1", "2", "3", "6", "2147483647", "2147483648", "18446744073709551616", "1.5", "1e308", "-0"];

    private static byte[] BaseCheckpoint()
    {
        var model = SmallDescription().Build(new RandomGenerator(1));
        var optimizer = new Adam(model.Parameters());
        Train(model, optimizer, Clouds(4), 1);
        var schedule = new ReduceOnPlateauSchedule();
        schedule.Observe(0, 1.0);
        var history = new History("accuracy");
        history.Add(new EpochRecord(1, 0.5, 0.75, 0.6, null, 0.001, 0.1, 1));
        var loader = new DataLoader(Clouds(4), 4, shuffle: true, seed: 3) { Epoch = 1 };
        using var stream = new MemoryStream();
        Checkpoint.Capture(model, optimizer, schedule, history, loader).WriteTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public void MutatedCheckpointsEitherLoadOrRaiseModelFormatException()
    {
        byte[] original = BaseCheckpoint();
        var rng = new RandomGenerator(424242);
        var outcome = FuzzLoop.Run<ModelFormatException>(Iterations, _ =>
        {
            var (file, description) = ByteMutations.MutateSafeTensorsLayout(original, rng, headerBias: 0.8, opCount: 8, Apply);
            return new FuzzLoop.Case(file, description, () => LoadEverything(file));
        }, ex => Assert.False(string.IsNullOrWhiteSpace(ex.Problem)), fixedBytes: 512 * 1024, bytesPerInputByte: 64);
        output.WriteLine($"{Iterations} mutations of a {original.Length}-byte checkpoint in {outcome.Milliseconds} ms: "
            + $"{outcome.Accepted} loaded, {outcome.Rejected} rejected, largest allocation {outcome.WorstAllocation} bytes");
        outcome.AssertBothOutcomesCommon(minAccepted: Iterations / 50, minRejected: Iterations / 4);
    }

    /// <summary>Loads the file and, when it holds a model description, rebuilds what it describes.</summary>
    private static readonly string TempFile = Path.Combine(Path.GetTempPath(), $"deepsharp-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.safetensors");

    /// <summary>Loads the file as a checkpoint and, through a file, with LoadModel and ReadDescription
    /// (each either succeeds or throws ModelFormatException).</summary>
    private static void LoadEverything(byte[] file)
    {
        File.WriteAllBytes(TempFile, file);
        try
        {
            _ = ModuleSerialization.ReadDescription(TempFile);
            _ = ModuleSerialization.LoadModel(TempFile);
        }
        catch (ModelFormatException)
        {
        }
        finally
        {
            File.Delete(TempFile);
        }
        var checkpoint = Checkpoint.Load(new MemoryStream(file, writable: false), "fuzz");
        if (checkpoint.Description is not null)
        {
            var model = checkpoint.BuildModel();
            if (checkpoint.GetOptimizerState() is { } state) Assert.True(state.Buffers.Count <= file.Length);
            _ = checkpoint.CreateHistory();
            Assert.Equal(model.ParameterCount, checkpoint.Description.ParameterCount);
        }
    }

    /// <summary>The mutations, aimed mostly at the header, where the metadata JSON lives; edits
    /// inside the header keep its length prefix in step, so they reach the JSON parsers.</summary>
    private static void Apply(List<byte> bytes, int op, int at, int headerEnd, RandomGenerator rng)
    {
        switch (op)
        {
            case 0: ByteMutations.FlipBit(bytes, at, rng); break;
            case 1: bytes[at] = Interesting[rng.NextInt(Interesting.Length)]; break;
            case 2:
                bytes.Insert(at, Interesting[rng.NextInt(Interesting.Length)]);
                ByteMutations.AdjustHeaderLength(bytes, at < headerEnd ? 1 : 0);
                break;
            case 3:
                bytes.RemoveAt(at);
                ByteMutations.AdjustHeaderLength(bytes, at < headerEnd ? -1 : 0);
                break;
            case 4: ByteMutations.Truncate(bytes, at); break;
            default: ByteMutations.ReplaceNumber(bytes, at, headerEnd, Numbers, rng); break;
        }
    }
}
