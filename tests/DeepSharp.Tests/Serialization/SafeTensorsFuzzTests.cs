using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using Xunit.Abstractions;
using static DeepSharp.Tests.Serialization.SafeTensorsTestData;

namespace DeepSharp.Tests.Serialization;

public sealed class SafeTensorsFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 10_000;
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
        var unexpected = new List<string>();
        int loaded = 0, rejected = 0;
        long worstAllocation = 0;
        int worstLength = 0;
        var clock = Stopwatch.StartNew();

        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            byte[] original = bases[rng.NextInt(bases.Length)];
            var (file, description) = Mutate(original, rng);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var loadedFile = iteration % 10 == 9
                    ? SafeTensorsFile.Read(new NonSeekable(file), "fuzz")
                    : Load(file, "fuzz");
                long elements = ReadAll(loadedFile);
                Assert.True(elements <= file.Length, "more elements decoded than bytes in the file");
                ReadAllLazily(file);
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
            // Bounded by a small multiple of the file: the fixed part covers exception stack traces
            // and JSON reader state; the proportional part covers the header, the data and decoding.
            if (allocated > 256 * 1024 + 16L * file.Length)
                unexpected.Add($"iteration {iteration} ({description}): allocated {allocated} bytes for a {file.Length}-byte file");
            if (allocated > worstAllocation) (worstAllocation, worstLength) = (allocated, file.Length);
        }

        output.WriteLine($"{Iterations} mutations in {clock.ElapsedMilliseconds} ms: {loaded} loaded, {rejected} rejected, "
            + $"largest allocation {worstAllocation} bytes (for a {worstLength}-byte file)");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(10)));
        // Both outcomes must be common, or the mutations are not probing the parser.
        Assert.InRange(loaded, Iterations / 100, Iterations);
        Assert.InRange(rejected, Iterations / 4, Iterations);
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

    /// <summary>Applies one to three random mutations, aimed mostly at the header (mutating
    /// tensor bytes rarely changes the outcome).</summary>
    private static (byte[] File, string Description) Mutate(byte[] original, RandomGenerator rng)
    {
        var bytes = new List<byte>(original);
        int headerEnd = (int)Math.Min(8 + BinaryPrimitives.ReadUInt64LittleEndian(original), (ulong)original.Length);
        var ops = new List<string>();
        int count = rng.NextDouble() < 0.5 ? 1 : 2 + rng.NextInt(2);
        for (int m = 0; m < count && bytes.Count > 0; m++)
        {
            int limit = rng.NextDouble() < 0.7 ? Math.Min(headerEnd, bytes.Count) : bytes.Count;
            int at = rng.NextInt(Math.Max(limit, 1));
            int op = rng.NextInt(10);
            ops.Add($"op{op}@{at}");
            switch (op)
            {
                case 0: bytes[at] ^= (byte)(1 << rng.NextInt(8)); break;
                case 1: bytes[at] = (byte)rng.NextInt(256); break;
                case 2: bytes[at] = Interesting[rng.NextInt(Interesting.Length)]; break;
                case 3:
                    for (int i = 1 + rng.NextInt(8); i > 0; i--)
                        bytes.Insert(at, rng.NextDouble() < 0.5 ? Interesting[rng.NextInt(Interesting.Length)] : (byte)rng.NextInt(256));
                    break;
                case 4: bytes.RemoveRange(at, Math.Min(1 + rng.NextInt(8), bytes.Count - at)); break;
                case 5:
                {
                    int cut = rng.NextInt(bytes.Count);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
                }
                case 6:
                {
                    int from = rng.NextInt(bytes.Count);
                    int length = Math.Min(1 + rng.NextInt(16), bytes.Count - from);
                    bytes.InsertRange(at, bytes.GetRange(from, length));
                    break;
                }
                case 7:
                {
                    // Nudge the declared header length, keeping the rest consistent-looking.
                    if (bytes.Count < 8) break;
                    var prefix = bytes.GetRange(0, 8).ToArray();
                    ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix) + (ulong)(rng.NextInt(17) - 8);
                    BinaryPrimitives.WriteUInt64LittleEndian(prefix, n);
                    for (int i = 0; i < 8; i++) bytes[i] = prefix[i];
                    break;
                }
                case 8:
                case 9:
                    ReplaceNumber(bytes, at, headerEnd, rng);
                    break;
            }
        }
        return (bytes.ToArray(), string.Join(",", ops));
    }

    /// <summary>Replaces the JSON number at or after <paramref name="at"/> in the header by a
    /// boundary value, keeping the header length prefix in step with the new text.</summary>
    private static void ReplaceNumber(List<byte> bytes, int at, int headerEnd, RandomGenerator rng)
    {
        int start = Math.Max(at, 8);
        while (start < Math.Min(headerEnd, bytes.Count) && !char.IsAsciiDigit((char)bytes[start])) start++;
        if (start >= Math.Min(headerEnd, bytes.Count)) return;
        int end = start;
        while (end < bytes.Count && char.IsAsciiDigit((char)bytes[end])) end++;
        byte[] replacement = Encoding.ASCII.GetBytes(InterestingNumbers[rng.NextInt(InterestingNumbers.Length)]);
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, replacement);
        if (bytes.Count >= 8)
        {
            var prefix = bytes.GetRange(0, 8).ToArray();
            ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix) + (ulong)(replacement.Length - (end - start));
            BinaryPrimitives.WriteUInt64LittleEndian(prefix, n);
            for (int i = 0; i < 8; i++) bytes[i] = prefix[i];
        }
    }

    private sealed class NonSeekable(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data, writable: false);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
