using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DeepSharp.Plotting;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Plotting;

public sealed class PngDecoderTests
{
    // Builds a PNG by hand with the given filter type on every row (the encoder only writes 0-2).
    private static byte[] HandMadePng(byte[] pixels, int width, int height, int channels, byte colorType, Func<int, byte> filterOfRow,
        byte bitDepth = 8, byte interlace = 0)
    {
        int stride = width * channels;
        var raw = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            byte filter = filterOfRow(y);
            raw.WriteByte(filter);
            for (int i = 0; i < stride; i++)
            {
                int x = pixels[y * stride + i];
                int a = i >= channels ? pixels[y * stride + i - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int c = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
                int predicted = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => ReferencePaeth(a, b, c), _ => 0 };
                raw.WriteByte((byte)(x - predicted));
            }
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw.ToArray());
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth; ihdr[9] = colorType; ihdr[12] = interlace;
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "tEXt", Encoding.ASCII.GetBytes("Comment\0ancillary chunks are skipped"));
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        s.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        s.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, PlotAssert.BitwiseCrc(typeAndData));
        s.Write(word);
    }

    // Straight from the definition in the PNG specification.
    private static int ReferencePaeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] RandomBytes(int n, ulong seed)
    {
        var rng = new RandomGenerator(seed);
        var bytes = new byte[n];
        for (int i = 0; i < n; i++) bytes[i] = (byte)rng.NextInt(256);
        return bytes;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void DecodesEveryFilterType(byte filter)
    {
        foreach (var (colorType, channels) in new[] { ((byte)0, 1), ((byte)2, 3), ((byte)6, 4) })
        {
            byte[] pixels = RandomBytes(9 * 5 * channels, (ulong)(filter * 10 + channels));
            byte[] png = HandMadePng(pixels, 9, 5, channels, colorType, _ => filter);
            PngImage image = PngDecoder.Decode(png);
            Assert.Equal((PngColorType)colorType, image.ColorType);
            Assert.Equal(pixels, image.Pixels);
        }
    }

    [Fact]
    public void DecodesMixedFiltersRowByRow()
    {
        byte[] pixels = RandomBytes(11 * 10 * 3, 99);
        byte[] png = HandMadePng(pixels, 11, 10, 3, 2, y => (byte)(y % 5));
        Assert.Equal(pixels, PngDecoder.Decode(png).Pixels);
    }

    [Theory]
    [InlineData(10, 20, 30, 10)]  // p = 0, nearest to a
    [InlineData(50, 60, 55, 55)]
    [InlineData(100, 20, 10, 100)]
    [InlineData(0, 255, 0, 255)]
    [InlineData(255, 0, 0, 255)]
    public void PaethMatchesTheSpecification(int a, int b, int c, int expected)
    {
        Assert.Equal(expected, PngDecoder.Paeth(a, b, c));
        Assert.Equal(ReferencePaeth(a, b, c), PngDecoder.Paeth(a, b, c));
    }

    [Fact]
    public void RejectsMissingSignature()
    {
        var e = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(Encoding.ASCII.GetBytes("GIF89a and so on")));
        Assert.Contains("signature", e.Message);
    }

    [Fact]
    public void RejectsCorruptedChunkCrc()
    {
        byte[] png = PngEncoder.Encode(RandomBytes(16 * 3, 1), 4, 4, PngColorType.Rgb);
        png[40] ^= 0x01; // inside the IDAT data
        var e = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));
        Assert.Contains("CRC", e.Message);
    }

    [Fact]
    public void RejectsTruncatedFiles()
    {
        byte[] png = PngEncoder.Encode(RandomBytes(16 * 3, 2), 4, 4, PngColorType.Rgb);
        for (int length = 0; length < png.Length; length++)
            Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png.AsSpan(0, length)));
    }

    [Fact]
    public void RejectsUnsupportedFeaturesWithAMessage()
    {
        byte[] pixels = RandomBytes(4 * 4, 3);
        Assert.Contains("bit depth", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(HandMadePng(pixels, 4, 4, 1, 0, _ => 0, bitDepth: 16))).Message);
        Assert.Contains("interlaced", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(HandMadePng(pixels, 4, 4, 1, 0, _ => 0, interlace: 1))).Message);
        Assert.Contains("colour type", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(HandMadePng(pixels, 4, 4, 1, 3, _ => 0))).Message);
        Assert.Contains("filter type 7", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(HandMadePng(pixels, 4, 4, 1, 0, y => (byte)(y == 2 ? 7 : 0)))).Message);
    }

    [Fact]
    public void RejectsImageDataOfTheWrongLength()
    {
        // Header says 4x5 but the data holds 4x4 rows.
        byte[] png = HandMadePng(RandomBytes(16, 4), 4, 4, 1, 0, _ => 0);
        int ihdrData = 8 + 8;
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdrData + 4), 5);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(ihdrData + 13), PlotAssert.BitwiseCrc(png.AsSpan(ihdrData - 4, 17)));
        Assert.Contains("Truncated", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png)).Message);
    }

    [Fact]
    public void MutationFuzzOnlyEverThrowsInvalidDataException()
    {
        byte[] valid = HandMadePng(RandomBytes(6 * 5 * 3, 5), 6, 5, 3, 2, y => (byte)(y % 5));
        var chunks = PngDecoder.ReadChunks(valid);
        var rng = new RandomGenerator(2024);
        int decoded = 0, rejected = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] mutated = (byte[])valid.Clone();
            int flips = 1 + rng.NextInt(4);
            for (int f = 0; f < flips; f++) mutated[rng.NextInt(mutated.Length)] = (byte)rng.NextInt(256);
            if (trial % 2 == 1) RefreshCrcs(mutated); // so the damage reaches the header, inflater and filters
            if (trial % 7 == 0) mutated = mutated.AsSpan(0, rng.NextInt(mutated.Length)).ToArray();
            try { PngDecoder.Decode(mutated); decoded++; }
            catch (InvalidDataException e) { Assert.False(string.IsNullOrWhiteSpace(e.Message)); rejected++; }
        }
        Assert.True(rejected > 700, $"rejected {rejected}, decoded {decoded}");
        Assert.Equal(4, chunks.Count);
    }

    // Recomputes each chunk's CRC in place, as far as the chunk framing can still be followed.
    private static void RefreshCrcs(byte[] png)
    {
        int at = 8;
        while (at + 12 <= png.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (length > png.Length - at - 12) return;
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + (int)length), PlotAssert.BitwiseCrc(png.AsSpan(at + 4, 4 + (int)length)));
            at += 12 + (int)length;
        }
    }
}
