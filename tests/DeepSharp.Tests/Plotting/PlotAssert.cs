using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;
using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

/// <summary>Checks shared by the plotting tests: a chunk walker written independently of
/// <see cref="PngDecoder"/>, and well-formedness of SVG.</summary>
internal static class PlotAssert
{
    /// <summary>Asserts the PNG signature, walks every chunk checking its CRC, and returns (type, data) pairs.</summary>
    public static List<(string Type, byte[] Data)> ValidPngChunks(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(png.Length > 8 && png.AsSpan(0, 8).SequenceEqual(signature), "PNG signature missing");
        var chunks = new List<(string, byte[])>();
        int at = 8;
        while (at < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = Encoding.ASCII.GetString(png, at + 4, 4);
            byte[] typeAndData = png.AsSpan(at + 4, 4 + length).ToArray();
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(BitwiseCrc(typeAndData), stored);
            chunks.Add((type, png.AsSpan(at + 8, length).ToArray()));
            at += 12 + length;
        }
        Assert.Equal(png.Length, at);
        Assert.Equal("IHDR", chunks[0].Item1);
        Assert.Equal("IEND", chunks[^1].Item1);
        Assert.Contains(chunks, c => c.Item1 == "IDAT");
        return chunks;
    }

    /// <summary>Asserts the file is a valid PNG of the given size (signature, every CRC, IHDR), decodes it and returns it.</summary>
    public static PngImage ValidPng(byte[] png, int width, int height)
    {
        var chunks = ValidPngChunks(png);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data.AsSpan(4)));
        PngImage image = PngDecoder.Decode(png);
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        return image;
    }

    /// <summary>Parses an SVG document with System.Xml and checks its root.</summary>
    public static XDocument ValidSvg(string svg, int width, int height)
    {
        XDocument doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        Assert.Equal(width.ToString(), doc.Root.Attribute("width")!.Value);
        Assert.Equal(height.ToString(), doc.Root.Attribute("height")!.Value);
        return doc;
    }

    /// <summary>A CRC-32 computed bit by bit (no table), as an oracle for the table-driven one.</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    /// <summary>Euclidean distance between two colours in RGB.</summary>
    public static double Distance(Rgba a, Rgba b)
        => Math.Sqrt(Math.Pow(a.R - b.R, 2) + Math.Pow(a.G - b.G, 2) + Math.Pow(a.B - b.B, 2));

    /// <summary>Counts pixels in a rectangle within <paramref name="tolerance"/> of <paramref name="color"/>.</summary>
    public static int CountNear(Canvas canvas, Rgba color, int x0, int y0, int x1, int y1, double tolerance = 10)
    {
        int count = 0;
        for (int y = Math.Max(0, y0); y < Math.Min(canvas.Height, y1); y++)
            for (int x = Math.Max(0, x0); x < Math.Min(canvas.Width, x1); x++)
                if (Distance(canvas.GetPixel(x, y), color) <= tolerance) count++;
        return count;
    }

    /// <summary>A fresh temporary directory, deleted by the caller.</summary>
    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "deepsharp-plot-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
