using DeepSharp.IO;
using System.Buffers.Binary;
using System.IO.Compression;

namespace DeepSharp.Plotting;

/// <summary>
/// Writes 8-bit, non-interlaced PNG files (grayscale, gray+alpha, RGB, RGBA): the signature, one
/// IHDR, the zlib-compressed rows in one or more IDAT chunks, IEND; every chunk with its CRC-32.
/// </summary>
public static class PngEncoder
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Large images are split over several IDAT chunks, as most writers do.
    private const int DefaultIdatChunkSize = 1 << 18;

    /// <summary>Encodes an image to PNG bytes.</summary>
    /// <param name="pixels">Row-major samples, top row first: <paramref name="height"/> rows of
    /// <paramref name="width"/> pixels of <c>ChannelsOf(colorType)</c> bytes.</param>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="colorType">Layout of each pixel.</param>
    /// <param name="filter">Row filtering before compression.</param>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType,
        PngFilterMode filter = PngFilterMode.Adaptive)
        => Encode(pixels, width, height, colorType, filter, DefaultIdatChunkSize);

    /// <summary>Encodes an image and writes it to <paramref name="stream"/> (see <see cref="Encode(ReadOnlySpan{byte}, int, int, PngColorType, PngFilterMode)"/>).</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType,
        PngFilterMode filter = PngFilterMode.Adaptive)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(pixels, width, height, colorType, filter));
    }

    /// <summary>Encodes an image and writes it to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Save(string path, ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType,
        PngFilterMode filter = PngFilterMode.Adaptive)
        => AtomicFile.WriteAllBytes(path, Encode(pixels, width, height, colorType, filter));

    /// <summary>Samples per pixel for a colour type.</summary>
    internal static int ChannelsOf(PngColorType colorType) => colorType switch
    {
        PngColorType.Grayscale => 1,
        PngColorType.GrayscaleAlpha => 2,
        PngColorType.Rgb => 3,
        PngColorType.Rgba => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(colorType), colorType,
            "Expected Grayscale, GrayscaleAlpha, Rgb or Rgba."),
    };

    internal static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType,
        PngFilterMode filter, int idatChunkSize)
    {
        int channels = ChannelsOf(colorType);
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be at least 1.");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "Height must be at least 1.");
        if (!Enum.IsDefined(filter)) throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown filter mode.");
        long stride = (long)width * channels;
        if (stride * height + height > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(width), $"Image {width}x{height} is too large to encode in memory.");
        if (pixels.Length != stride * height)
            throw new ArgumentException(
                $"Expected {stride * height} bytes for a {width}x{height} {colorType} image, got {pixels.Length}.", nameof(pixels));

        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                 // bit depth
        header[9] = (byte)colorType;
        header[10] = 0;                // compression: deflate
        header[11] = 0;                // filter method: adaptive (the five row filters)
        header[12] = 0;                // no interlace
        WriteChunk(output, "IHDR"u8, header);

        byte[] compressed = Compress(pixels, (int)stride, height, channels, filter);
        for (int offset = 0; offset < compressed.Length; offset += idatChunkSize)
            WriteChunk(output, "IDAT"u8, compressed.AsSpan(offset, Math.Min(idatChunkSize, compressed.Length - offset)));
        WriteChunk(output, "IEND"u8, ReadOnlySpan<byte>.Empty);
        return output.ToArray();
    }

    private static byte[] Compress(ReadOnlySpan<byte> pixels, int stride, int height, int channels, PngFilterMode filter)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + stride];
            var candidate = new byte[1 + stride];
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<byte> current = pixels.Slice(y * stride, stride);
                ReadOnlySpan<byte> previous = y > 0 ? pixels.Slice((y - 1) * stride, stride) : ReadOnlySpan<byte>.Empty;
                if (filter == PngFilterMode.Adaptive)
                {
                    long best = long.MaxValue;
                    for (byte type = 0; type <= 2; type++)
                    {
                        FilterRow(type, current, previous, channels, candidate);
                        long cost = Cost(candidate);
                        if (cost < best) { best = cost; (row, candidate) = (candidate, row); }
                    }
                }
                else
                {
                    FilterRow((byte)filter, current, previous, channels, row);
                }
                zlib.Write(row);
            }
        }
        return compressed.ToArray();
    }

    // Writes the filter-type byte and the filtered samples of one row into `output`.
    private static void FilterRow(byte type, ReadOnlySpan<byte> current, ReadOnlySpan<byte> previous, int channels, Span<byte> output)
    {
        output[0] = type;
        Span<byte> dst = output[1..];
        switch (type)
        {
            case 0:
                current.CopyTo(dst);
                break;
            case 1:
                for (int i = 0; i < current.Length; i++)
                    dst[i] = (byte)(current[i] - (i >= channels ? current[i - channels] : 0));
                break;
            case 2:
                for (int i = 0; i < current.Length; i++)
                    dst[i] = (byte)(current[i] - (previous.IsEmpty ? 0 : previous[i]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Encoder writes filter types 0-2 only.");
        }
    }

    private static long Cost(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        for (int i = 1; i < filtered.Length; i++)
            sum += Math.Abs((int)(sbyte)filtered[i]);
        return sum;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        uint crc = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Start, type), data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
