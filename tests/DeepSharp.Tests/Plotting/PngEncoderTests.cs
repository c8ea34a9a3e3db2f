using System.Buffers.Binary;
using DeepSharp.Plotting;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Plotting;

public sealed class PngEncoderTests
{
    private static byte[] RandomPixels(int count, ulong seed)
    {
        var rng = new RandomGenerator(seed);
        var pixels = new byte[count];
        for (int i = 0; i < count; i++) pixels[i] = (byte)rng.NextInt(256);
        return pixels;
    }

    public static TheoryData<PngColorType, PngFilterMode, int, int> Cases()
    {
        var data = new TheoryData<PngColorType, PngFilterMode, int, int>();
        foreach (PngColorType type in Enum.GetValues<PngColorType>())
            foreach (PngFilterMode filter in Enum.GetValues<PngFilterMode>())
                foreach (var (w, h) in new[] { (1, 1), (7, 3), (33, 17) })
                    data.Add(type, filter, w, h);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundTripsEveryColorTypeAndFilter(PngColorType type, PngFilterMode filter, int width, int height)
    {
        int channels = type switch { PngColorType.Grayscale => 1, PngColorType.GrayscaleAlpha => 2, PngColorType.Rgb => 3, _ => 4 };
        byte[] pixels = RandomPixels(width * height * channels, (ulong)(width * 131 + height));
        byte[] png = PngEncoder.Encode(pixels, width, height, type, filter);

        var chunks = PlotAssert.ValidPngChunks(png);
        byte[] ihdr = chunks[0].Data;
        Assert.Equal(13, ihdr.Length);
        Assert.Equal(8, ihdr[8]);            // bit depth
        Assert.Equal((byte)type, ihdr[9]);   // colour type
        Assert.Equal(0, ihdr[12]);           // no interlace
        PngImage image = PlotAssert.ValidPng(png, width, height);
        Assert.Equal(type, image.ColorType);
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void SplitsLargeDataOverSeveralIdatChunks()
    {
        byte[] pixels = RandomPixels(40 * 30 * 3, 11);
        byte[] png = PngEncoder.Encode(pixels, 40, 30, PngColorType.Rgb, PngFilterMode.Sub, idatChunkSize: 100);
        var chunks = PlotAssert.ValidPngChunks(png);
        Assert.True(chunks.Count(c => c.Type == "IDAT") > 5);
        Assert.Equal(pixels, PngDecoder.Decode(png).Pixels);
    }

    [Theory]
    [InlineData(PngFilterMode.None, 0)]
    [InlineData(PngFilterMode.Sub, 1)]
    [InlineData(PngFilterMode.Up, 2)]
    public void FixedFilterModesWriteTheirFilterTypeOnEveryRow(PngFilterMode filter, byte expected)
    {
        byte[] png = PngEncoder.Encode(RandomPixels(5 * 4, 3), 5, 4, PngColorType.Grayscale, filter);
        byte[] compressed = PlotAssert.ValidPngChunks(png).Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var zlib = new System.IO.Compression.ZLibStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] rows = raw.ToArray();
        Assert.Equal(4 * 6, rows.Length);
        for (int y = 0; y < 4; y++) Assert.Equal(expected, rows[y * 6]);
    }

    [Fact]
    public void AdaptiveFilteringShrinksSmoothImages()
    {
        const int w = 200, h = 100;
        var gradient = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = (y * w + x) * 3;
                gradient[i] = (byte)x; gradient[i + 1] = (byte)(y * 2); gradient[i + 2] = (byte)(x + y);
            }
        int none = PngEncoder.Encode(gradient, w, h, PngColorType.Rgb, PngFilterMode.None).Length;
        int adaptive = PngEncoder.Encode(gradient, w, h, PngColorType.Rgb, PngFilterMode.Adaptive).Length;
        Assert.True(adaptive < none, $"adaptive {adaptive} bytes, none {none} bytes");
    }

    [Fact]
    public void RejectsWrongPixelCountAndSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[10], 2, 2, PngColorType.Rgb));
        Assert.Contains("Expected 12 bytes", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(new byte[0], 0, 1, PngColorType.Rgb));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(new byte[3], 1, 1, (PngColorType)3));
    }

    [Fact]
    public void SaveWritesTheFileAtomicallyAndLeavesNoTemporaryFiles()
    {
        string dir = PlotAssert.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "sub", "image.png");
            byte[] pixels = RandomPixels(4 * 4, 5);
            PngEncoder.Save(path, pixels, 4, 4, PngColorType.Grayscale);
            PngEncoder.Save(path, pixels, 4, 4, PngColorType.Grayscale); // overwrite
            Assert.Equal(pixels, PngDecoder.Load(path).Pixels);
            Assert.Single(Directory.GetFiles(Path.Combine(dir, "sub")));
            Assert.Equal(4, BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(path).AsSpan(16)));
        }
        finally { Directory.Delete(dir, true); }
    }
}
