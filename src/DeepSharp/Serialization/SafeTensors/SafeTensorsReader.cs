using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace DeepSharp.Serialization;

/// <summary>
/// Reads a safetensors file lazily: the header is parsed and fully validated when the reader is
/// created, tensor data is read on request (so a large file never has to sit in memory at once).
/// </summary>
/// <remarks>
/// Layout: an 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON
/// (<c>{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...,
/// "__metadata__": {"key": "value"}}</c>), then the data section, to which the offsets are
/// relative. Validation rejects, with <see cref="ModelFormatException"/> and before allocating
/// anything larger than the header: a header longer than the file or than
/// <see cref="MaxHeaderLength"/>, malformed or non-UTF-8 JSON, wrong structure, unknown dtypes,
/// negative, non-integer or overflowing dimensions, offsets out of bounds, ranges that overlap,
/// leave gaps or leave trailing bytes, sizes that disagree with shape times dtype, duplicate names
/// and non-string metadata. Not thread-safe: reads share the stream's position.
/// </remarks>
public sealed class SafeTensorsReader : IDisposable
{
    /// <summary>The largest JSON header accepted, in bytes (the limit of the reference implementation).</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const int ChunkBytes = 1 << 20;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _dataStart;
    private readonly Dictionary<string, TensorEntry> _byName;
    private bool _disposed;

    /// <summary>Opens and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is not a valid safetensors file.</exception>
    public static SafeTensorsReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        try
        {
            return new SafeTensorsReader(stream, path, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Validates the safetensors content of <paramref name="stream"/>, which starts at its
    /// current position and runs to its end.</summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="sourceName">Names the source in error messages (usually the file path).</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    /// <exception cref="ModelFormatException">The content is not a valid safetensors file.</exception>
    public SafeTensorsReader(Stream stream, string sourceName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanRead || !stream.CanSeek)
            throw new ArgumentException("SafeTensorsReader needs a readable, seekable stream; use SafeTensorsFile.Read for other streams.", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
        SourceName = sourceName;

        long start = stream.Position;
        long available = stream.Length - start;
        if (available < 8)
            throw new ModelFormatException(sourceName, null, $"the file holds {available} bytes, fewer than the 8-byte header length.");
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(prefix, null);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
            throw new ModelFormatException(sourceName, null, $"the header length {headerLength} exceeds the limit of {MaxHeaderLength} bytes.");
        if ((long)headerLength > available - 8)
            throw new ModelFormatException(sourceName, null,
                $"the header length {headerLength} runs past the end of the file ({available - 8} bytes follow the length).");

        var header = new byte[(int)headerLength];
        ReadExactly(header, null);
        _dataStart = start + 8 + (long)headerLength;
        var (entries, metadata) = SafeTensorsHeaderParser.Parse(header, available - 8 - (long)headerLength, sourceName);
        Entries = Array.AsReadOnly(entries);
        Metadata = metadata.AsReadOnly();
        _byName = new Dictionary<string, TensorEntry>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries) _byName.Add(entry.Name, entry);
    }

    /// <summary>The name used for the source in error messages.</summary>
    public string SourceName { get; }

    /// <summary>All tensors, in the order of their data (for files written here: name order).</summary>
    public IReadOnlyList<TensorEntry> Entries { get; }

    /// <summary>The string metadata of the <c>__metadata__</c> object (empty if absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Whether a tensor named <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Looks up a tensor's entry.</summary>
    public bool TryGetEntry(string name, [NotNullWhen(true)] out TensorEntry? entry) => _byName.TryGetValue(name, out entry);

    /// <summary>The entry of the tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such tensor.</exception>
    public TensorEntry GetEntry(string name) => FindEntry(_byName, name, SourceName);

    /// <summary>Reads an F32 tensor, or widens an F16 / BF16 one exactly.</summary>
    /// <exception cref="ModelFormatException">The tensor has another dtype, or the file changed under the reader.</exception>
    public float[] ReadFloat32(string name)
    {
        var entry = Expect(GetEntry(name), SourceName, SafeTensorsDType.Float32, SafeTensorsDType.Float16, SafeTensorsDType.BFloat16);
        var result = new float[ArrayLength(entry, SourceName)];
        ReadFloat32(entry, result);
        return result;
    }

    /// <summary>Reads an F32 tensor (or widens F16 / BF16) into <paramref name="destination"/>,
    /// whose length must equal the element count.</summary>
    public void ReadFloat32(string name, Span<float> destination) =>
        ReadFloat32(Expect(GetEntry(name), SourceName, SafeTensorsDType.Float32, SafeTensorsDType.Float16, SafeTensorsDType.BFloat16), destination);

    /// <summary>Reads an F64 tensor.</summary>
    public double[] ReadFloat64(string name) => ReadNew<double>(name, SafeTensorsDType.Float64);

    /// <summary>Reads an F64 tensor into <paramref name="destination"/> (length = element count).</summary>
    public void ReadFloat64(string name, Span<double> destination) => ReadInto(name, SafeTensorsDType.Float64, destination);

    /// <summary>Reads an I32 tensor.</summary>
    public int[] ReadInt32(string name) => ReadNew<int>(name, SafeTensorsDType.Int32);

    /// <summary>Reads an I32 tensor into <paramref name="destination"/> (length = element count).</summary>
    public void ReadInt32(string name, Span<int> destination) => ReadInto(name, SafeTensorsDType.Int32, destination);

    /// <summary>Reads an I64 tensor.</summary>
    public long[] ReadInt64(string name) => ReadNew<long>(name, SafeTensorsDType.Int64);

    /// <summary>Reads an I64 tensor into <paramref name="destination"/> (length = element count).</summary>
    public void ReadInt64(string name, Span<long> destination) => ReadInto(name, SafeTensorsDType.Int64, destination);

    /// <summary>Reads a U8 tensor.</summary>
    public byte[] ReadUInt8(string name) => ReadNew<byte>(name, SafeTensorsDType.UInt8);

    /// <summary>Reads a U8 tensor into <paramref name="destination"/> (length = element count).</summary>
    public void ReadUInt8(string name, Span<byte> destination) => ReadInto(name, SafeTensorsDType.UInt8, destination);

    /// <summary>Reads the raw little-endian bytes of a tensor of any dtype.</summary>
    public byte[] ReadRawBytes(string name)
    {
        var entry = GetEntry(name);
        if (entry.ByteLength > Array.MaxLength)
            throw new ModelFormatException(SourceName, name, $"its {entry.ByteLength} bytes exceed the largest array .NET allows ({Array.MaxLength}).");
        var result = new byte[entry.ByteLength];
        ReadRange(entry, 0, result);
        return result;
    }

    /// <summary>Closes the stream unless the reader was created with leaveOpen.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_leaveOpen) _stream.Dispose();
    }

    private T[] ReadNew<T>(string name, SafeTensorsDType dtype) where T : unmanaged
    {
        var entry = Expect(GetEntry(name), SourceName, dtype);
        var result = new T[ArrayLength(entry, SourceName)];
        ReadTyped<T>(entry, result);
        return result;
    }

    private void ReadInto<T>(string name, SafeTensorsDType dtype, Span<T> destination) where T : unmanaged
    {
        var entry = Expect(GetEntry(name), SourceName, dtype);
        CheckDestination(entry, destination.Length);
        ReadTyped(entry, destination);
    }

    private void ReadFloat32(TensorEntry entry, Span<float> destination)
    {
        CheckDestination(entry, destination.Length);
        if (entry.DType == SafeTensorsDType.Float32)
        {
            ReadTyped(entry, destination);
            return;
        }
        // Small tensors rent small buffers: the bound on allocation holds for small files too.
        int perChunk = (int)Math.Min(ChunkBytes / 2, Math.Max(destination.Length, 1));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(2 * perChunk);
        try
        {
            for (long done = 0; done < destination.Length; done += perChunk)
            {
                int n = (int)Math.Min(perChunk, destination.Length - done);
                ReadRange(entry, done * 2, buffer.AsSpan(0, 2 * n));
                LittleEndianCodec.WidenToSingle(buffer.AsSpan(0, 2 * n), destination.Slice((int)done, n), entry.DType);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ReadTyped<T>(TensorEntry entry, Span<T> destination) where T : unmanaged
    {
        // Chunked so that the byte view of each piece stays within a span's int length.
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        int perChunk = ChunkBytes / size;
        for (int done = 0; done < destination.Length; done += perChunk)
        {
            var piece = destination.Slice(done, Math.Min(perChunk, destination.Length - done));
            ReadRange(entry, (long)done * size, MemoryMarshal.AsBytes(piece));
            LittleEndianCodec.FixInPlace(piece);
        }
    }

    private void ReadRange(TensorEntry entry, long offsetInTensor, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Position = _dataStart + entry.DataOffset + offsetInTensor;
        ReadExactly(destination, entry.Name);
    }

    private void ReadExactly(Span<byte> destination, string? tensorName)
    {
        try
        {
            _stream.ReadExactly(destination);
        }
        catch (EndOfStreamException ex)
        {
            // Lengths were checked against the stream's length, so the file shrank after opening.
            throw new ModelFormatException(SourceName, tensorName, "the file ended early (was it truncated while being read?).", ex);
        }
    }

    private void CheckDestination(TensorEntry entry, int length)
    {
        if (length != entry.ElementCount)
            throw new ArgumentException(
                $"Tensor '{ModelFormatException.Shorten(entry.Name)}' of shape {entry.FormatShape()} has {entry.ElementCount} elements, but the destination holds {length}.",
                "destination");
    }

    internal static TensorEntry FindEntry(Dictionary<string, TensorEntry> byName, string name, string source)
    {
        ArgumentNullException.ThrowIfNull(name);
        return byName.TryGetValue(name, out var entry)
            ? entry
            : throw new KeyNotFoundException($"'{source}' holds no tensor named '{ModelFormatException.Shorten(name)}'.");
    }

    /// <summary>Throws unless the entry's dtype is one of <paramref name="accepted"/>.</summary>
    internal static TensorEntry Expect(TensorEntry entry, string source, params ReadOnlySpan<SafeTensorsDType> accepted)
    {
        if (accepted.Contains(entry.DType)) return entry;
        var names = new string[accepted.Length];
        for (int i = 0; i < accepted.Length; i++) names[i] = SafeTensorsDTypeInfo.HeaderName(accepted[i]);
        throw new ModelFormatException(source, entry.Name,
            $"expected dtype {string.Join(" or ", names)}, found {SafeTensorsDTypeInfo.HeaderName(entry.DType)}.");
    }

    /// <summary>The element count as an array length, if one array can hold it.</summary>
    internal static int ArrayLength(TensorEntry entry, string source) =>
        entry.ElementCount <= Array.MaxLength
            ? (int)entry.ElementCount
            : throw new ModelFormatException(source, entry.Name,
                $"its {entry.ElementCount} elements exceed the largest array .NET allows ({Array.MaxLength}).");
}
