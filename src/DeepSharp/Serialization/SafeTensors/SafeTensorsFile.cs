using System.Diagnostics.CodeAnalysis;

namespace DeepSharp.Serialization;

/// <summary>
/// A whole safetensors file loaded into memory and validated (see <see cref="SafeTensorsReader"/>
/// for the checks). Holds each tensor's raw bytes once; the typed getters return new arrays the
/// caller owns, so peak memory is about twice the file.
/// </summary>
public sealed class SafeTensorsFile
{
    private readonly Dictionary<string, TensorEntry> _byName;
    private readonly Dictionary<string, byte[]> _data;

    private SafeTensorsFile(SafeTensorsReader reader)
    {
        SourceName = reader.SourceName;
        Entries = reader.Entries;
        Metadata = reader.Metadata;
        _byName = new Dictionary<string, TensorEntry>(Entries.Count, StringComparer.Ordinal);
        _data = new Dictionary<string, byte[]>(Entries.Count, StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            _byName.Add(entry.Name, entry);
            _data.Add(entry.Name, reader.ReadRawBytes(entry.Name));
        }
    }

    /// <summary>Loads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is not a valid safetensors file.</exception>
    public static SafeTensorsFile Read(string path)
    {
        using var reader = SafeTensorsReader.Open(path);
        return new SafeTensorsFile(reader);
    }

    /// <summary>Loads and validates safetensors content from the current position of
    /// <paramref name="stream"/> to its end. The stream is left open.</summary>
    /// <param name="stream">Any readable stream; a non-seekable one is first copied to memory
    /// (memory then grows with the bytes actually received, never with sizes the header claims).</param>
    /// <param name="sourceName">Names the source in error messages.</param>
    /// <exception cref="ModelFormatException">The content is not a valid safetensors file.</exception>
    public static SafeTensorsFile Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (stream.CanSeek)
        {
            using var reader = new SafeTensorsReader(stream, sourceName, leaveOpen: true);
            return new SafeTensorsFile(reader);
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        using var memoryReader = new SafeTensorsReader(copy, sourceName, leaveOpen: true);
        return new SafeTensorsFile(memoryReader);
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
    public TensorEntry GetEntry(string name) => SafeTensorsReader.FindEntry(_byName, name, SourceName);

    /// <summary>An F32 tensor's values, or an F16 / BF16 tensor's values widened exactly to float.</summary>
    /// <exception cref="ModelFormatException">The tensor has another dtype.</exception>
    public float[] GetFloat32(string name)
    {
        var entry = SafeTensorsReader.Expect(GetEntry(name), SourceName,
            SafeTensorsDType.Float32, SafeTensorsDType.Float16, SafeTensorsDType.BFloat16);
        if (entry.DType == SafeTensorsDType.Float32) return Decode<float>(entry);
        var result = new float[SafeTensorsReader.ArrayLength(entry, SourceName)];
        LittleEndianCodec.WidenToSingle(_data[name], result, entry.DType);
        return result;
    }

    /// <summary>An F64 tensor's values.</summary>
    public double[] GetFloat64(string name) => Decode<double>(SafeTensorsReader.Expect(GetEntry(name), SourceName, SafeTensorsDType.Float64));

    /// <summary>An I32 tensor's values.</summary>
    public int[] GetInt32(string name) => Decode<int>(SafeTensorsReader.Expect(GetEntry(name), SourceName, SafeTensorsDType.Int32));

    /// <summary>An I64 tensor's values.</summary>
    public long[] GetInt64(string name) => Decode<long>(SafeTensorsReader.Expect(GetEntry(name), SourceName, SafeTensorsDType.Int64));

    /// <summary>A U8 tensor's values.</summary>
    public byte[] GetUInt8(string name) => Decode<byte>(SafeTensorsReader.Expect(GetEntry(name), SourceName, SafeTensorsDType.UInt8));

    /// <summary>The raw little-endian bytes of a tensor of any dtype (a view, not a copy).</summary>
    public ReadOnlySpan<byte> GetRawBytes(string name)
    {
        GetEntry(name);
        return _data[name];
    }

    private T[] Decode<T>(TensorEntry entry) where T : unmanaged
    {
        var result = new T[SafeTensorsReader.ArrayLength(entry, SourceName)];
        LittleEndianCodec.Decode<T>(_data[entry.Name], result);
        return result;
    }
}
