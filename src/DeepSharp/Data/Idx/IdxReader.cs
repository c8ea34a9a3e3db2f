using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics.Tensors;

namespace DeepSharp.Data;

/// <summary>
/// Reads IDX files (the MNIST format), plain or gzip-compressed (detected by the gzip magic
/// bytes 1F 8B, not by the file name). Every header field is validated before anything large is
/// allocated; any malformed, truncated or hostile input raises <see cref="DataFormatException"/>.
/// </summary>
/// <remarks>
/// Layout: bytes 0-1 zero, byte 2 the type code (<see cref="IdxDataType"/>), byte 3 the number
/// of dimensions, then each dimension as a big-endian int32, then the elements big-endian,
/// outermost dimension first.
/// </remarks>
public static class IdxReader
{
    /// <summary>Largest number of dimensions accepted.</summary>
    public const int MaxRank = 4;

    /// <summary>Largest data size that can be accepted at all, in bytes (the largest managed array).</summary>
    public const long MaxPayloadBytes = 0x7FFFFFC7;

    /// <summary>Largest data size accepted unless the caller allows more: 2^27 bytes (128 MiB; the
    /// Fashion-MNIST training images are 47 MB). Checked against the header's dimensions before
    /// anything is inflated or allocated, so a small gzip file cannot expand into gigabytes.</summary>
    public const long DefaultMaxPayloadBytes = 1L << 27;

    // Deflate expands at most ~1032:1, so a gzip stream of c bytes cannot hold more than this
    // multiple; larger declared sizes are rejected before allocating.
    private const long GzipMaxRatio = 1100;
    private const int MinGrowBytes = 1 << 20;

    /// <summary>Reads an IDX file.</summary>
    /// <exception cref="DataFormatException">The file is malformed, truncated or too large.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxFile Read(string path) => Read(path, DefaultMaxPayloadBytes);

    /// <summary>Reads an IDX file whose data may be up to <paramref name="maxPayloadBytes"/> bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxPayloadBytes">Largest data size accepted, 1 to <see cref="MaxPayloadBytes"/>.</param>
    /// <exception cref="DataFormatException">The file is malformed, truncated or declares more data than allowed.</exception>
    public static IdxFile Read(string path, long maxPayloadBytes)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(fs, path, maxPayloadBytes);
    }

    /// <summary>Reads an IDX file from the current position of <paramref name="stream"/> to its end
    /// (the stream is not disposed). Gzip input must be a single gzip member.</summary>
    /// <param name="stream">Plain or gzip IDX bytes; need not be seekable.</param>
    /// <param name="sourceName">Named in error messages.</param>
    /// <exception cref="DataFormatException">The data is malformed, truncated or too large.</exception>
    public static IdxFile Read(Stream stream, string sourceName) => Read(stream, sourceName, DefaultMaxPayloadBytes);

    /// <summary>As <see cref="Read(Stream, string)"/>, accepting up to <paramref name="maxPayloadBytes"/> bytes of data.</summary>
    /// <param name="stream">Plain or gzip IDX bytes; need not be seekable.</param>
    /// <param name="sourceName">Named in error messages.</param>
    /// <param name="maxPayloadBytes">Largest data size accepted, 1 to <see cref="MaxPayloadBytes"/>.</param>
    /// <exception cref="DataFormatException">The data is malformed, truncated or declares more data than allowed.</exception>
    public static IdxFile Read(Stream stream, string sourceName, long maxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPayloadBytes, MaxPayloadBytes);
        long? available = stream.CanSeek ? stream.Length - stream.Position : null;
        var lead = new byte[2];
        int got = stream.ReadAtLeast(lead, 2, throwOnEndOfStream: false);
        bool gzip = got == 2 && lead[0] == 0x1F && lead[1] == 0x8B;
        var source = new PrefixStream(lead.AsMemory(0, got), stream);
        if (!gzip) return ReadCore(source, sourceName, available, compressed: false, maxPayloadBytes);
        IdxFile file;
        try
        {
            using var gz = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
            file = ReadCore(gz, sourceName, available, compressed: true, maxPayloadBytes);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(sourceName, $"corrupt gzip stream: {ex.Message}", innerException: ex);
        }
        CheckGzipTrailer(source, file, sourceName);
        return file;
    }

    // GZipStream verifies the CRC only when the trailer is there, and a stream cut inside the
    // trailer (or after the last deflate block) decompresses without complaint. So the last
    // 4 bytes must be ISIZE, the decompressed length mod 2^32 (single-member gzip files).
    private static void CheckGzipTrailer(PrefixStream source, IdxFile file, string sourceName)
    {
        if (source.ReadByte() >= 0)
            throw new DataFormatException(sourceName, "unexpected bytes after the end of the gzip stream.", offset: source.BytesRead - 1);
        long total = 4 + 4L * file.Rank + file.RawData.Length;
        ReadOnlySpan<byte> tail = source.Tail;
        if (tail.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) != (uint)total)
            throw new DataFormatException(sourceName,
                $"gzip trailer missing or damaged: expected the stream to end with its size {(uint)total} (the file looks truncated).",
                offset: source.BytesRead);
    }

    /// <summary>Reads an image file of unsigned bytes with dims (count, rows, cols) and scales
    /// the pixels to [0, 1].</summary>
    /// <returns>Pixels (count, rows, cols) row-major, and the three sizes.</returns>
    /// <exception cref="DataFormatException">Not a 3-D unsigned-byte IDX file, or malformed.</exception>
    public static (float[] Pixels, int Count, int Rows, int Cols) ReadImages(string path) => ToImages(Read(path), path);

    /// <inheritdoc cref="ReadImages(string)"/>
    public static (float[] Pixels, int Count, int Rows, int Cols) ReadImages(Stream stream, string sourceName) =>
        ToImages(Read(stream, sourceName), sourceName);

    /// <summary>Reads a 1-D label file of integers (types UInt8, Int8, Int16 or Int32); labels
    /// must be non-negative.</summary>
    /// <exception cref="DataFormatException">Not a 1-D integer IDX file, a negative label, or malformed.</exception>
    public static int[] ReadLabels(string path) => ToLabels(Read(path), path);

    /// <inheritdoc cref="ReadLabels(string)"/>
    public static int[] ReadLabels(Stream stream, string sourceName) => ToLabels(Read(stream, sourceName), sourceName);

    /// <summary>Reads an image file and its label file and checks that their counts match.</summary>
    /// <exception cref="DataFormatException">Either file is invalid, or the counts differ.</exception>
    public static LabeledImages ReadImagesAndLabels(string imagesPath, string labelsPath)
    {
        var (pixels, count, rows, cols) = ReadImages(imagesPath);
        int[] labels = ReadLabels(labelsPath);
        if (labels.Length != count)
            throw new DataFormatException(labelsPath,
                $"label count does not match the images: expected {count} labels (as in '{imagesPath}'), found {labels.Length}.",
                offset: 4);
        return new LabeledImages(pixels, labels, rows, cols);
    }

    private static (float[] Pixels, int Count, int Rows, int Cols) ToImages(IdxFile file, string source)
    {
        if (file.DataType != IdxDataType.UInt8)
            throw new DataFormatException(source,
                $"expected unsigned-byte pixels (type code 0x08), found {file.DataType} (0x{(byte)file.DataType:X2}).", offset: 2);
        if (file.Rank != 3)
            throw new DataFormatException(source,
                $"expected 3 dimensions (count, rows, cols) for images, found {file.Rank}: ({string.Join(", ", file.Dims)}).", offset: 3);
        var pixels = new float[file.ElementCount];
        TensorPrimitives.ConvertTruncating<byte, float>(file.RawData, pixels);
        TensorPrimitives.Divide(pixels, 255f, pixels);
        return (pixels, file.Dims[0], file.Dims[1], file.Dims[2]);
    }

    private static int[] ToLabels(IdxFile file, string source)
    {
        if (file.DataType is IdxDataType.Float32 or IdxDataType.Float64)
            throw new DataFormatException(source,
                $"expected integer labels (type code 0x08, 0x09, 0x0B or 0x0C), found {file.DataType} (0x{(byte)file.DataType:X2}).", offset: 2);
        if (file.Rank != 1)
            throw new DataFormatException(source,
                $"expected 1 dimension (count) for labels, found {file.Rank}: ({string.Join(", ", file.Dims)}).", offset: 3);
        int[] labels = file.ToInt32Array();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
                throw new DataFormatException(source, $"label {i} is {labels[i]}; expected a non-negative class index.",
                    offset: 8 + (long)i * file.ElementSize);
        }
        return labels;
    }

    private static IdxFile ReadCore(Stream s, string source, long? available, bool compressed, long maxPayload)
    {
        string where = compressed ? " (decompressed)" : "";
        var header = new byte[4 + 4 * MaxRank];
        int got = s.ReadAtLeast(header.AsSpan(0, 4), 4, throwOnEndOfStream: false);
        if (got < 4)
            throw new DataFormatException(source, $"truncated{where}: expected a 4-byte magic number, the data ends after {got} bytes.", offset: got);
        if (header[0] != 0 || header[1] != 0)
            throw new DataFormatException(source,
                $"bad magic number: expected 00 00 <type> <rank>, found {header[0]:X2} {header[1]:X2} {header[2]:X2} {header[3]:X2}.", offset: 0);
        var type = (IdxDataType)header[2];
        if (!Enum.IsDefined(type))
            throw new DataFormatException(source,
                $"unknown data type code 0x{header[2]:X2}; expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E.", offset: 2);
        int rank = header[3];
        if (rank < 1 || rank > MaxRank)
            throw new DataFormatException(source, $"expected 1..{MaxRank} dimensions, found {rank}.", offset: 3);
        int headerBytes = 4 + 4 * rank;
        got = 4 + s.ReadAtLeast(header.AsSpan(4, 4 * rank), 4 * rank, throwOnEndOfStream: false);
        if (got < headerBytes)
            throw new DataFormatException(source,
                $"truncated{where}: expected {rank} dimensions ({headerBytes}-byte header), the data ends after {got} bytes.", offset: got);

        var dims = new int[rank];
        int elementSize = IdxFile.ElementSizeOf(type);
        long payload = elementSize;
        for (int i = 0; i < rank; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 + 4 * i));
            if (d > int.MaxValue)
                throw new DataFormatException(source, $"dimension {i} is {d}, more than {int.MaxValue}.", offset: 4 + 4 * i);
            dims[i] = (int)d;
        }
        // Dims are < 2^31, so multiplying in a long cannot overflow while the product stays below the cap.
        foreach (int d in dims)
        {
            payload *= d;
            if (payload > maxPayload)
                throw new DataFormatException(source,
                    $"dims ({string.Join(", ", dims)}) of {type} declare more than {maxPayload} bytes of data (the limit; "
                    + "IdxReader.Read takes a larger one); refusing to inflate or allocate.", offset: 4);
        }
        string declared = $"dims ({string.Join(", ", dims)}) of {type} = {payload} data bytes";

        long? exact = null;
        if (available is long avail && !compressed)
        {
            long expected = headerBytes + payload;
            if (avail < expected)
                throw new DataFormatException(source, $"truncated: header declares {declared} ({expected} bytes in all), the file has {avail}.", offset: avail);
            if (avail > expected)
                throw new DataFormatException(source, $"{avail - expected} unexpected trailing bytes after {declared}.", offset: expected);
            exact = payload;
        }
        if (available is long compressedLength && compressed && payload > compressedLength * GzipMaxRatio + 4096)
            throw new DataFormatException(source,
                $"header declares {declared}, impossible in a gzip stream of {compressedLength} bytes; refusing to allocate.", offset: 4);

        byte[] data = ReadPayload(s, source, payload, exact ?? (available is long c ? Math.Max(MinGrowBytes, c * 4) : MinGrowBytes), headerBytes, declared, where);
        if (s.ReadByte() >= 0)
            throw new DataFormatException(source, $"unexpected trailing data{where} after {declared}.", offset: headerBytes + payload);
        return new IdxFile(type, dims, data);
    }

    // Reads exactly `payload` bytes. The buffer starts at min(payload, initial) and doubles, so a
    // header that lies about its size costs at most about twice what the stream really holds.
    private static byte[] ReadPayload(Stream s, string source, long payload, long initial, int headerBytes, string declared, string where)
    {
        var buffer = new byte[Math.Min(payload, initial)];
        long filled = 0;
        while (true)
        {
            int n = s.ReadAtLeast(buffer.AsSpan((int)filled), buffer.Length - (int)filled, throwOnEndOfStream: false);
            filled += n;
            if (filled < buffer.Length)
                throw new DataFormatException(source,
                    $"truncated{where}: header declares {declared}, the data ends after {filled}.", offset: headerBytes + filled);
            if (filled == payload) return buffer;
            Array.Resize(ref buffer, (int)Math.Min(payload, 2L * buffer.Length));
        }
    }
}
