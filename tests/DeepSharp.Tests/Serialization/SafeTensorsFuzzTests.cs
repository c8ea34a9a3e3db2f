using System.Text;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using DeepSharp.Tests.TestSupport;
using Xunit.Abstractions;
using static DeepSharp.Tests.Serialization.SafeTensorsTestData;

namespace DeepSharp.Tests.Serialization;

public sealed class SafeTensorsFuzzTests(ITestOutputHelper output)
{
    private static readonly int Iterations = FuzzLoop.Iterations(10_000);
    private static readonly byte[] Interesting = Encoding.ASCII.GetBytes("{}[]\":,0123456789-.eE\\ _tnu");
    private static readonly string[] InterestingNumbers =
    [
        "0", "1", "-1", "7", "8", "2147483647", "2147483648", "4294967296", "9223372036854775807",
        "9223372036854775808", "18446744073709551615", "18446744073709551616", "1.5", "1e3", "-0", "00",
    ];

    private static byte[][] BaseFiles()
    {
        var halves = new byte[8];
        return
        [
            ToBytes(MixedWriter()),
            ToBytes(new SafeTensorsWriter().AddFloat32("w", [2], [1f, 2f])),
            ToBytes(new SafeTensorsWriter().AddFloat32("a", [], [3f]).AddInt64("b", [0], []).AddUInt8("c", [1], [5]).SetMetadata("x", "y")),
            ToBytes(new SafeTensorsWriter().AddRaw("h", SafeTensorsDType.Float16, [2, 2], halves).AddRaw("bf", SafeTensorsDType.BFloat16, [1], [0, 0x3F])
                .AddRaw("q", SafeTensorsDType.UInt64, [1], new byte[8])),
        ];
    }

    [Fact]
    public void MutatedFilesEitherLoadOrRaiseModelFormatException()
    {
        var rng = new RandomGenerator(20240611);
        var bases = BaseFiles();
        var outcome = FuzzLoop.Run<ModelFormatException>(Iterations, iteration =>
        {
            byte[] original = bases[rng.NextInt(bases.Length)];
            var (file, description) = ByteMutations.MutateSafeTensorsLayout(original, rng, headerBias: 0.7, opCount: 10, Apply);
            return new FuzzLoop.Case(file, description, () =>
            {
                var loadedFile = iteration % 10 == 9
                    ? SafeTensorsFile.Read(new NonSeekableStream(file), "fuzz")
                    : Load(file, "fuzz");
                long elements = ReadAll(loadedFile);
                Assert.True(elements <= file.Length, "more elements decoded than bytes in the file");
                ReadAllLazily(file);
            });
        }, ex => Assert.False(string.IsNullOrWhiteSpace(ex.Problem)),
            // Bounded by a small multiple of the file: the fixed part covers exception stack traces
            // and JSON reader state; the proportional part covers the header, the data and decoding.
            fixedBytes: 256 * 1024, bytesPerInputByte: 16);

        output.WriteLine($"{Iterations} mutations in {outcome.Milliseconds} ms: {outcome.Accepted} loaded, {outcome.Rejected} rejected, "
            + $"largest allocation {outcome.WorstAllocation} bytes (for a {outcome.WorstLength}-byte file)");
        outcome.AssertBothOutcomesCommon(minAccepted: Iterations / 100, minRejected: Iterations / 4);
    }

    private static void ReadAllLazily(byte[] file)
    {
        using var reader = new SafeTensorsReader(new MemoryStream(file, writable: false), "fuzz");
        foreach (var entry in reader.Entries)
        {
            _ = entry.DType switch
            {
                SafeTensorsDType.Float32 or SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16 => reader.ReadFloat32(entry.Name).Length,
                SafeTensorsDType.Float64 => reader.ReadFloat64(entry.Name).Length,
                SafeTensorsDType.Int32 => reader.ReadInt32(entry.Name).Length,
                SafeTensorsDType.Int64 => reader.ReadInt64(entry.Name).Length,
                SafeTensorsDType.UInt8 => reader.ReadUInt8(entry.Name).Length,
                _ => reader.ReadRawBytes(entry.Name).Length,
            };
        }
    }

    /// <summary>The mutations: bytes flipped, replaced, inserted, removed, cut or copied, the
    /// header length nudged, JSON numbers replaced by boundary values.</summary>
    private static void Apply(List<byte> bytes, int op, int at, int headerEnd, RandomGenerator rng)
    {
        switch (op)
        {
            case 0: ByteMutations.FlipBit(bytes, at, rng); break;
            case 1: bytes[at] = (byte)rng.NextInt(256); break;
            case 2: bytes[at] = Interesting[rng.NextInt(Interesting.Length)]; break;
            case 3:
                for (int i = 1 + rng.NextInt(8); i > 0; i--)
                    bytes.Insert(at, rng.NextDouble() < 0.5 ? Interesting[rng.NextInt(Interesting.Length)] : (byte)rng.NextInt(256));
                break;
            case 4: ByteMutations.RemoveRange(bytes, at, 8, rng); break;
            case 5: ByteMutations.Truncate(bytes, rng.NextInt(bytes.Count)); break;
            case 6: ByteMutations.CopyChunk(bytes, rng.NextInt(bytes.Count), at, 16, rng); break;
            case 7 when bytes.Count >= 8:
                // Nudge the declared header length, keeping the rest consistent-looking.
                ByteMutations.AdjustHeaderLength(bytes, rng.NextInt(17) - 8);
                break;
            case 8:
            case 9:
                ByteMutations.ReplaceNumber(bytes, at, headerEnd, InterestingNumbers, rng);
                break;
        }
    }
}
