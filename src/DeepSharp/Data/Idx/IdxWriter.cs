using System.Buffers.Binary;
using System.IO.Compression;

namespace DeepSharp.Data;

/// <summary>Writes IDX files (the MNIST format), plain or gzip-compressed; the counterpart of
/// <see cref="IdxReader"/>, for tests and tools.</summary>
public static class IdxWriter
{
    /// <summary>Writes <paramref name="file"/> to <paramref name="path"/> (replacing it).</summary>
    public static void Write(string path, IdxFile file, bool gzip = false)
    {
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(fs, file, gzip);
    }

    /// <summary>Writes an unsigned-byte IDX file (e.g. MNIST images (N, 28, 28) or labels (N)).</summary>
    /// <exception cref="ArgumentException">The dims do not match the data length.</exception>
    public static void Write(string path, ReadOnlySpan<int> dims, ReadOnlySpan<byte> data, bool gzip = false) =>
        Write(path, IdxFile.FromBytes(dims, data), gzip);

    /// <summary>Writes <paramref name="file"/> to <paramref name="stream"/>, which is left open.</summary>
    public static void Write(Stream stream, IdxFile file, bool gzip = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        if (gzip)
        {
            using var gz = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            WriteRaw(gz, file);
        }
        else
        {
            WriteRaw(stream, file);
        }
    }

    private static void WriteRaw(Stream s, IdxFile file)
    {
        Span<byte> header = stackalloc byte[4 + 4 * IdxReader.MaxRank];
        header[0] = 0;
        header[1] = 0;
        header[2] = (byte)file.DataType;
        header[3] = (byte)file.Rank;
        for (int i = 0; i < file.Rank; i++) BinaryPrimitives.WriteInt32BigEndian(header[(4 + 4 * i)..], file.Dims[i]);
        s.Write(header[..(4 + 4 * file.Rank)]);
        s.Write(file.RawData);
    }
}
