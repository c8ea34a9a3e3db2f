using System.Buffers.Binary;
using System.Text;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.TestSupport;

/// <summary>
/// Seeded byte-level mutations for the fuzz tests, and a driver for files laid out like
/// safetensors (a little-endian 64-bit header length, the JSON header, then data). Every method
/// draws from the generator in a fixed order, so a seed names one sequence of mutated files.
/// </summary>
internal static class ByteMutations
{
    /// <summary>Applies mutation <paramref name="op"/> at <paramref name="at"/>; <paramref name="headerEnd"/>
    /// is where the original file's header ended.</summary>
    internal delegate void HeaderMutation(List<byte> bytes, int op, int at, int headerEnd, RandomGenerator rng);

    /// <summary>Where the header of a safetensors-layout file ends (prefix plus JSON), at most its length.</summary>
    public static int HeaderEnd(byte[] file) =>
        (int)Math.Min(8 + BinaryPrimitives.ReadUInt64LittleEndian(file), (ulong)file.Length);

    /// <summary>One to three mutations of a safetensors-layout file, each inside the header with
    /// probability <paramref name="headerBias"/> (mutating tensor bytes rarely changes the outcome).</summary>
    /// <param name="opCount">Mutations are numbered 0 to <paramref name="opCount"/> - 1; <paramref name="apply"/> carries them out.</param>
    /// <returns>The mutated file and its recipe, e.g. <c>op3@17,op0@2</c>.</returns>
    public static (byte[] File, string Description) MutateSafeTensorsLayout(byte[] original, RandomGenerator rng,
        double headerBias, int opCount, HeaderMutation apply)
    {
        var bytes = new List<byte>(original);
        int headerEnd = HeaderEnd(original);
        var ops = new List<string>();
        int count = rng.NextDouble() < 0.5 ? 1 : 2 + rng.NextInt(2);
        for (int m = 0; m < count && bytes.Count > 0; m++)
        {
            int limit = rng.NextDouble() < headerBias ? Math.Min(headerEnd, bytes.Count) : bytes.Count;
            int at = rng.NextInt(Math.Max(limit, 1));
            int op = rng.NextInt(opCount);
            ops.Add($"op{op}@{at}");
            apply(bytes, op, at, headerEnd, rng);
        }
        return (bytes.ToArray(), string.Join(",", ops));
    }

    /// <summary>Flips one random bit of the byte at <paramref name="at"/>.</summary>
    public static void FlipBit(List<byte> bytes, int at, RandomGenerator rng) => bytes[at] ^= (byte)(1 << rng.NextInt(8));

    /// <summary>Removes 1 to <paramref name="maxLength"/> bytes from <paramref name="at"/> (fewer at the end).</summary>
    public static void RemoveRange(List<byte> bytes, int at, int maxLength, RandomGenerator rng) =>
        bytes.RemoveRange(at, Math.Min(1 + rng.NextInt(maxLength), bytes.Count - at));

    /// <summary>Inserts at <paramref name="at"/> a copy of 1 to <paramref name="maxLength"/> bytes
    /// starting at <paramref name="from"/> (fewer at the end), e.g. a repeated header.</summary>
    public static void CopyChunk(List<byte> bytes, int from, int at, int maxLength, RandomGenerator rng) =>
        bytes.InsertRange(at, bytes.GetRange(from, Math.Min(1 + rng.NextInt(maxLength), bytes.Count - from)));

    /// <summary>Drops everything from <paramref name="at"/> on.</summary>
    public static void Truncate(List<byte> bytes, int at) => bytes.RemoveRange(at, bytes.Count - at);

    /// <summary>Adds <paramref name="delta"/> to the little-endian 64-bit header length, so that an
    /// edit inside the header still reaches the JSON parser (nothing when the prefix is gone).</summary>
    public static void AdjustHeaderLength(List<byte> bytes, long delta)
    {
        if (bytes.Count < 8 || delta == 0) return;
        var prefix = bytes.GetRange(0, 8).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, BinaryPrimitives.ReadUInt64LittleEndian(prefix) + (ulong)delta);
        for (int i = 0; i < 8; i++) bytes[i] = prefix[i];
    }

    /// <summary>Replaces the first run of ASCII digits at or after <paramref name="at"/> in the
    /// header by one of <paramref name="numbers"/> (boundary values), keeping the header length in step.</summary>
    public static void ReplaceNumber(List<byte> bytes, int at, int headerEnd, IReadOnlyList<string> numbers, RandomGenerator rng)
    {
        int start = Math.Max(at, 8), stop = Math.Min(headerEnd, bytes.Count);
        while (start < stop && !char.IsAsciiDigit((char)bytes[start])) start++;
        if (start >= stop) return;
        int end = start;
        while (end < stop && char.IsAsciiDigit((char)bytes[end])) end++;
        byte[] replacement = Encoding.ASCII.GetBytes(numbers[rng.NextInt(numbers.Count)]);
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, replacement);
        AdjustHeaderLength(bytes, replacement.Length - (end - start));
    }
}
