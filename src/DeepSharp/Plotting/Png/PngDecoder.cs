using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DeepSharp.Plotting;

/// <summary>
/// A small PNG reader for 8-bit, non-interlaced grayscale, gray+alpha, RGB and RGBA images (all
/// five row filters). It checks the signature and every chunk's CRC, and throws
/// <see cref="InvalidDataException"/> with a message for anything truncated, corrupted or unsupported.
/// </summary>
public static class PngDecoder
{
    // Refuse images whose decoded size would exceed this (hostile headers).
    private const long MaxPixelBytes = 1L << 30;

    /// <summary>Reads a PNG file from disk.</summary>
    public static PngImage Load(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Splits a PNG file into its chunks, verifying the signature, the chunk framing and
    /// every CRC, and that the file ends with IEND.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed PNG chunk stream.</exception>
    public static IReadOnlyList<PngChunk> ReadChunks(ReadOnlySpan<byte> png)
    {
        ReadOnlySpan<byte> signature = PngEncoder.Signature;
        if (png.Length < signature.Length || !png[..signature.Length].SequenceEqual(signature))
            throw new InvalidDataException("Not a PNG file: the 8-byte PNG signature is missing.");
        var chunks = new List<PngChunk>();
        int position = signature.Length;
        while (true)
        {
            if (png.Length - position < 12)
                throw new InvalidDataException(
                    $"Truncated PNG: expected a chunk header at byte {position}, found {png.Length - position} bytes left.");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png[position..]);
            if (length > int.MaxValue || length > png.Length - position - 12)
                throw new InvalidDataException(
                    $"Truncated or corrupted PNG: chunk at byte {position} declares {length} data bytes, " +
                    $"but only {png.Length - position - 12} remain.");
            ReadOnlySpan<byte> typeBytes = png.Slice(position + 4, 4);
            foreach (byte b in typeBytes)
                if (!(b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z'))
                    throw new InvalidDataException($"Corrupted PNG: chunk at byte {position} has a non-letter type byte 0x{b:X2}.");
            string type = Encoding.ASCII.GetString(typeBytes);
            ReadOnlySpan<byte> data = png.Slice(position + 8, (int)length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png[(position + 8 + (int)length)..]);
            uint actual = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Start, typeBytes), data));
            if (stored != actual)
                throw new InvalidDataException(
                    $"Corrupted PNG: chunk {type} at byte {position} has CRC 0x{stored:X8}, computed 0x{actual:X8}.");
            chunks.Add(new PngChunk(type, data.ToArray()));
            position += 12 + (int)length;
            if (type == "IEND")
            {
                if (position != png.Length)
                    throw new InvalidDataException($"Corrupted PNG: {png.Length - position} bytes after IEND.");
                return chunks;
            }
        }
    }

    /// <summary>Decodes a PNG file held in memory.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or uses a feature this reader does not support
    /// (palette, bit depth other than 8, interlacing).</exception>
    public static PngImage Decode(ReadOnlySpan<byte> png)
    {
        IReadOnlyList<PngChunk> chunks = ReadChunks(png);
        if (chunks[0].Type != "IHDR" || chunks[0].Data.Length != 13)
            throw new InvalidDataException($"Corrupted PNG: expected a 13-byte IHDR chunk first, found {chunks[0].Type} ({chunks[0].Data.Length} bytes).");
        byte[] ihdr = chunks[0].Data;
        int width = BinaryPrimitives.ReadInt32BigEndian(ihdr);
        int height = BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4));
        byte bitDepth = ihdr[8], colorCode = ihdr[9], compression = ihdr[10], filterMethod = ihdr[11], interlace = ihdr[12];
        if (width < 1 || height < 1)
            throw new InvalidDataException($"Corrupted PNG: expected positive dimensions, found {width}x{height}.");
        if (bitDepth != 8)
            throw new InvalidDataException($"Unsupported PNG: expected bit depth 8, found {bitDepth}.");
        if (colorCode is not (0 or 2 or 4 or 6))
            throw new InvalidDataException($"Unsupported PNG: expected colour type 0, 2, 4 or 6, found {colorCode}.");
        if (compression != 0 || filterMethod != 0)
            throw new InvalidDataException($"Corrupted PNG: expected compression and filter method 0, found {compression} and {filterMethod}.");
        if (interlace != 0)
            throw new InvalidDataException("Unsupported PNG: interlaced images are not supported.");
        var colorType = (PngColorType)colorCode;
        int channels = PngEncoder.ChannelsOf(colorType);
        long stride = (long)width * channels;
        if (stride * height > MaxPixelBytes)
            throw new InvalidDataException($"Unsupported PNG: {width}x{height} image exceeds the {MaxPixelBytes} byte limit.");

        using var idat = new MemoryStream();
        bool seenIdat = false, idatEnded = false;
        for (int i = 1; i < chunks.Count; i++)
        {
            PngChunk chunk = chunks[i];
            switch (chunk.Type)
            {
                case "IDAT":
                    if (idatEnded)
                        throw new InvalidDataException("Corrupted PNG: IDAT chunks must be consecutive.");
                    seenIdat = true;
                    idat.Write(chunk.Data);
                    break;
                case "IEND":
                    break;
                case "IHDR":
                    throw new InvalidDataException("Corrupted PNG: more than one IHDR chunk.");
                default:
                    if (seenIdat) idatEnded = true;
                    if (char.IsUpper(chunk.Type[0]))
                        throw new InvalidDataException($"Unsupported PNG: critical chunk {chunk.Type} is not supported.");
                    break;
            }
        }
        if (!seenIdat)
            throw new InvalidDataException("Corrupted PNG: no IDAT chunk.");

        int rowBytes = (int)stride + 1;
        byte[] raw = Inflate(idat.ToArray(), (long)rowBytes * height);
        return new PngImage(width, height, colorType, Unfilter(raw, (int)stride, height, channels));
    }

    private static byte[] Inflate(byte[] compressed, long expected)
    {
        var raw = new byte[expected];
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            int read = 0;
            while (read < raw.Length)
            {
                int n = zlib.Read(raw, read, raw.Length - read);
                if (n == 0)
                    throw new InvalidDataException($"Truncated PNG: expected {expected} bytes of image data, inflated {read}.");
                read += n;
            }
            if (zlib.ReadByte() >= 0)
                throw new InvalidDataException($"Corrupted PNG: image data inflates to more than the expected {expected} bytes.");
        }
        catch (InvalidDataException) { throw; }
        catch (IOException e)
        {
            throw new InvalidDataException($"Corrupted PNG: the zlib stream is invalid ({e.Message}).", e);
        }
        return raw;
    }

    private static byte[] Unfilter(byte[] raw, int stride, int height, int channels)
    {
        var pixels = new byte[(long)stride * height];
        for (int y = 0; y < height; y++)
        {
            int src = y * (stride + 1);
            byte type = raw[src];
            Span<byte> row = pixels.AsSpan(y * stride, stride);
            ReadOnlySpan<byte> data = raw.AsSpan(src + 1, stride);
            ReadOnlySpan<byte> up = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : ReadOnlySpan<byte>.Empty;
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0;
                int b = up.IsEmpty ? 0 : up[i];
                int c = i >= channels && !up.IsEmpty ? up[i - channels] : 0;
                int predictor = type switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) >> 1,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Corrupted PNG: row {y} has filter type {type}, expected 0-4."),
                };
                row[i] = (byte)(data[i] + predictor);
            }
        }
        return pixels;
    }

    internal static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
