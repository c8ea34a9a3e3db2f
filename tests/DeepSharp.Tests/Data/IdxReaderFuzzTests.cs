using DeepSharp.Data;
using DeepSharp.Tensors;
using DeepSharp.Tests.TestSupport;
using Xunit.Abstractions;

namespace DeepSharp.Tests.Data;

public sealed class IdxReaderFuzzTests(ITestOutputHelper output)
{
    private static List<byte[]> Seeds()
    {
        var rng = new RandomGenerator(3);
        byte[] pixels = Enumerable.Range(0, 2 * 5 * 4).Select(_ => (byte)rng.NextInt(256)).ToArray();
        var files = new[]
        {
            IdxFile.FromBytes([2, 5, 4], pixels),
            IdxFile.FromBytes([6], [0, 1, 2, 3, 4, 9]),
            IdxFile.FromInt32([3], [1, 2, 300000]),
            IdxFile.FromSingles([2, 2], [0.5f, -1f, 2f, 1e-3f]),
        };
        var seeds = new List<byte[]>();
        foreach (var f in files)
        {
            seeds.Add(IdxReaderTests.ToBytes(f, gzip: false));
            seeds.Add(IdxReaderTests.ToBytes(f, gzip: true));
        }
        return seeds;
    }

    private static byte[] Mutate(byte[] original, RandomGenerator rng)
    {
        var b = new List<byte>(original);
        int edits = 1 + rng.NextInt(3);
        for (int e = 0; e < edits; e++)
        {
            switch (rng.NextInt(6))
            {
                case 0 when b.Count > 0:   // flip one bit
                    ByteMutations.FlipBit(b, rng.NextInt(b.Count), rng);
                    break;
                case 1 when b.Count > 0:   // overwrite a byte, favouring the header and edge values
                    int j = rng.NextInt(2) == 0 ? rng.NextInt(Math.Min(b.Count, 24)) : rng.NextInt(b.Count);
                    byte[] interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x08, 0x0E, 0x1F, 0x8B];
                    b[j] = rng.NextInt(2) == 0 ? interesting[rng.NextInt(interesting.Length)] : (byte)rng.NextInt(256);
                    break;
                case 2:                    // insert bytes
                    int at = rng.NextInt(b.Count + 1);
                    int count = 1 + rng.NextInt(8);
                    for (int k = 0; k < count; k++) b.Insert(at, (byte)rng.NextInt(256));
                    break;
                case 3 when b.Count > 0:   // delete a range
                    ByteMutations.RemoveRange(b, rng.NextInt(b.Count), 8, rng);
                    break;
                case 4:                    // truncate
                    ByteMutations.Truncate(b, rng.NextInt(b.Count + 1));
                    break;
                default:                   // duplicate a chunk (e.g. a repeated header)
                    if (b.Count == 0) break;
                    int s = rng.NextInt(b.Count);
                    ByteMutations.CopyChunk(b, s, rng.NextInt(b.Count + 1), 16, rng);
                    break;
            }
        }
        return b.ToArray();
    }

    [Fact]
    public void MutatedFiles_EitherReadOrThrowDataFormatException()
    {
        List<byte[]> seeds = Seeds();
        var rng = new RandomGenerator(20240611);
        int iterations = FuzzLoop.Iterations(10_000);
        var outcome = FuzzLoop.Run<DataFormatException>(iterations, _ =>
        {
            byte[] mutated = Mutate(seeds[rng.NextInt(seeds.Count)], rng);
            bool seekable = rng.NextInt(2) == 0;
            Stream stream = seekable ? new MemoryStream(mutated) : new NonSeekableStream(mutated);
            int mode = rng.NextInt(3);
            return new FuzzLoop.Case(mutated, $"mode {mode}, seekable {seekable}, bytes {Convert.ToHexString(mutated)}", () =>
            {
                switch (mode)
                {
                    case 0: IdxReader.Read(stream, "fuzz.idx"); break;
                    case 1: IdxReader.ReadImages(stream, "fuzz.idx"); break;
                    default: IdxReader.ReadLabels(stream, "fuzz.idx"); break;
                }
            });
        }, ex => Assert.StartsWith("fuzz.idx", ex.Message),
            fixedBytes: (4 << 20) - 1, bytesPerInputByte: 0); // under 4 MiB, whatever the input
        outcome.AssertBothOutcomesCommon(minAccepted: iterations / 200 + 1, minRejected: iterations / 2 + 1);
        output.WriteLine($"{iterations} mutations: {outcome.Accepted} read, {outcome.Rejected} rejected, {outcome.Milliseconds} ms");
    }
}
