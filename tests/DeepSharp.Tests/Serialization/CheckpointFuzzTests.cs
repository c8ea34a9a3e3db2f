using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using DeepSharp.Data;
using DeepSharp.Optim;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
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
    private const int Iterations = 2_000;
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
        var unexpected = new List<string>();
        int loaded = 0, rejected = 0;
        long worstAllocation = 0;
        var clock = Stopwatch.StartNew();
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            var (file, description) = Mutate(original, rng);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var checkpoint = Checkpoint.Load(new MemoryStream(file, writable: false), "fuzz");
                if (checkpoint.Description is not null)
                {
                    var model = checkpoint.BuildModel();
                    if (checkpoint.GetOptimizerState() is { } state) Assert.True(state.Buffers.Count <= file.Length);
                    _ = checkpoint.CreateHistory();
                    Assert.Equal(model.ParameterCount, checkpoint.Description.ParameterCount);
                }
                loaded++;
            }
            catch (ModelFormatException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Problem));
                rejected++;
            }
            catch (Exception ex)
            {
                unexpected.Add($"iteration {iteration} ({description}): {ex.GetType().Name}: {ex.Message}");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > 512 * 1024 + 64L * file.Length)
                unexpected.Add($"iteration {iteration} ({description}): allocated {allocated} bytes for a {file.Length}-byte file");
            worstAllocation = Math.Max(worstAllocation, allocated);
        }
        output.WriteLine($"{Iterations} mutations of a {original.Length}-byte checkpoint in {clock.ElapsedMilliseconds} ms: "
            + $"{loaded} loaded, {rejected} rejected, largest allocation {worstAllocation} bytes");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(10)));
        Assert.InRange(loaded, Iterations / 50, Iterations);
        Assert.InRange(rejected, Iterations / 4, Iterations);
    }

    /// <summary>One to three mutations, mostly in the header, where the metadata JSON lives.</summary>
    private static (byte[] File, string Description) Mutate(byte[] original, RandomGenerator rng)
    {
        var bytes = new List<byte>(original);
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
        var ops = new List<string>();
        int count = rng.NextDouble() < 0.5 ? 1 : 2 + rng.NextInt(2);
        for (int m = 0; m < count && bytes.Count > 0; m++)
        {
            int limit = rng.NextDouble() < 0.8 ? Math.Min(headerEnd, bytes.Count) : bytes.Count;
            int at = rng.NextInt(Math.Max(limit, 1));
            int op = rng.NextInt(8);
            ops.Add($"op{op}@{at}");
            switch (op)
            {
                case 0: bytes[at] ^= (byte)(1 << rng.NextInt(8)); break;
                case 1: bytes[at] = Interesting[rng.NextInt(Interesting.Length)]; break;
                case 2:
                    bytes.Insert(at, Interesting[rng.NextInt(Interesting.Length)]);
                    AdjustHeaderLength(bytes, at < headerEnd ? 1 : 0);
                    break;
                case 3:
                    bytes.RemoveAt(at);
                    AdjustHeaderLength(bytes, at < headerEnd ? -1 : 0);
                    break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                default: ReplaceNumber(bytes, at, headerEnd, rng); break;
            }
        }
        return (bytes.ToArray(), string.Join(",", ops));
    }

    /// <summary>Keeps the header length in step with an edit inside the header, so the edit reaches the JSON parsers.</summary>
    private static void AdjustHeaderLength(List<byte> bytes, int delta)
    {
        if (bytes.Count < 8 || delta == 0) return;
        var prefix = bytes.GetRange(0, 8).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, BinaryPrimitives.ReadUInt64LittleEndian(prefix) + (ulong)(long)delta);
        for (int i = 0; i < 8; i++) bytes[i] = prefix[i];
    }

    private static void ReplaceNumber(List<byte> bytes, int at, int headerEnd, RandomGenerator rng)
    {
        int start = Math.Max(at, 8), stop = Math.Min(headerEnd, bytes.Count);
        while (start < stop && !char.IsAsciiDigit((char)bytes[start])) start++;
        if (start >= stop) return;
        int end = start;
        while (end < stop && char.IsAsciiDigit((char)bytes[end])) end++;
        byte[] replacement = Encoding.ASCII.GetBytes(Numbers[rng.NextInt(Numbers.Length)]);
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, replacement);
        AdjustHeaderLength(bytes, replacement.Length - (end - start));
    }
}
