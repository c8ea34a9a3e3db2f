using DeepSharp.IO;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeepSharp.Serialization;

/// <summary>
/// Collects named tensors and string metadata, then writes them in the safetensors layout
/// (readable by the Python <c>safetensors</c> library): an 8-byte little-endian header length,
/// a compact UTF-8 JSON header padded with spaces to a multiple of 8 bytes, then every tensor's
/// little-endian bytes, contiguous and in ordinal name order.
/// </summary>
/// <remarks>Data is copied when added, so the caller may reuse its buffers. The header lists
/// <c>__metadata__</c> first (only when metadata exists), then the tensors in name order.</remarks>
public sealed class SafeTensorsWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Dictionary<string, (SafeTensorsDType DType, int[] Shape, byte[] Data)> _tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    /// <summary>Number of tensors added so far.</summary>
    public int Count => _tensors.Count;

    /// <summary>The metadata set so far.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _metadata.AsReadOnly();

    /// <summary>Sets (or replaces) the metadata string stored under <paramref name="key"/>.</summary>
    public SafeTensorsWriter SetMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        CheckUtf16(key, nameof(key));
        CheckUtf16(value, nameof(value));
        _metadata[key] = value;
        return this;
    }

    /// <summary>Adds an F32 tensor.</summary>
    /// <param name="name">Unique name, any string except "__metadata__".</param>
    /// <param name="shape">Dimensions, outermost first; empty for a scalar.</param>
    /// <param name="data">Row-major values; length must equal the product of <paramref name="shape"/>.</param>
    public SafeTensorsWriter AddFloat32(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> data) => Add(name, SafeTensorsDType.Float32, shape, data);

    /// <summary>Adds an F64 tensor (see <see cref="AddFloat32"/> for the parameters).</summary>
    public SafeTensorsWriter AddFloat64(string name, ReadOnlySpan<int> shape, ReadOnlySpan<double> data) => Add(name, SafeTensorsDType.Float64, shape, data);

    /// <summary>Adds an I32 tensor (see <see cref="AddFloat32"/> for the parameters).</summary>
    public SafeTensorsWriter AddInt32(string name, ReadOnlySpan<int> shape, ReadOnlySpan<int> data) => Add(name, SafeTensorsDType.Int32, shape, data);

    /// <summary>Adds an I64 tensor (see <see cref="AddFloat32"/> for the parameters).</summary>
    public SafeTensorsWriter AddInt64(string name, ReadOnlySpan<int> shape, ReadOnlySpan<long> data) => Add(name, SafeTensorsDType.Int64, shape, data);

    /// <summary>Adds a U8 tensor (see <see cref="AddFloat32"/> for the parameters).</summary>
    public SafeTensorsWriter AddUInt8(string name, ReadOnlySpan<int> shape, ReadOnlySpan<byte> data) => Add(name, SafeTensorsDType.UInt8, shape, data);

    /// <summary>Adds a tensor of any dtype from its little-endian bytes, whose length must equal
    /// the product of <paramref name="shape"/> times the element size.</summary>
    public SafeTensorsWriter AddRaw(string name, SafeTensorsDType dtype, ReadOnlySpan<int> shape, ReadOnlySpan<byte> littleEndianData)
    {
        int size = SafeTensorsDTypeInfo.ElementSize(dtype);
        long elements = CheckTensor(name, shape);
        if (elements * size != littleEndianData.Length)
            throw new ArgumentException(
                $"Tensor '{name}': shape {TensorEntry.FormatShape(shape)} of {SafeTensorsDTypeInfo.HeaderName(dtype)} needs {elements * size} bytes, got {littleEndianData.Length}.",
                nameof(littleEndianData));
        _tensors.Add(name, (dtype, shape.ToArray(), littleEndianData.ToArray()));
        return this;
    }

    /// <summary>Writes the file to <paramref name="stream"/> (from its current position; left open).</summary>
    /// <exception cref="InvalidOperationException">The header would exceed <see cref="SafeTensorsReader.MaxHeaderLength"/>.</exception>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var names = _tensors.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        byte[] header = BuildHeader(names);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var name in names) stream.Write(_tensors[name].Data);
        stream.Flush();
    }

    /// <summary>Writes the file to <paramref name="path"/> atomically (see <see cref="AtomicFile"/>):
    /// a failure at any point leaves the previous file, if any, intact.</summary>
    public void Save(string path) => AtomicFile.Write(path, WriteTo);

    private byte[] BuildHeader(string[] names)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps non-ASCII names readable; the header is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (_metadata.Count > 0)
            {
                json.WriteStartObject(SafeTensorsHeaderParser.MetadataKey);
                var keys = _metadata.Keys.ToArray();
                Array.Sort(keys, StringComparer.Ordinal);
                foreach (var key in keys) json.WriteString(key, _metadata[key]);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                var (dtype, shape, data) = _tensors[name];
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorsDTypeInfo.HeaderName(dtype));
                json.WriteStartArray("shape");
                foreach (int dim in shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += data.Length;
            }
            json.WriteEndObject();
        }
        // Pad with spaces so the data section starts 8-byte aligned (8 + header length).
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        if (padded > SafeTensorsReader.MaxHeaderLength)
            throw new InvalidOperationException($"The header would take {padded} bytes, above the {SafeTensorsReader.MaxHeaderLength}-byte limit readers accept.");
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private SafeTensorsWriter Add<T>(string name, SafeTensorsDType dtype, ReadOnlySpan<int> shape, ReadOnlySpan<T> data) where T : unmanaged
    {
        long elements = CheckTensor(name, shape);
        if (elements != data.Length)
            throw new ArgumentException(
                $"Tensor '{name}': shape {TensorEntry.FormatShape(shape)} has {elements} elements, but the data holds {data.Length}.", nameof(data));
        long bytes = (long)data.Length * SafeTensorsDTypeInfo.ElementSize(dtype);
        if (bytes > Array.MaxLength)
            throw new ArgumentException($"Tensor '{name}' takes {bytes} bytes; tensors above {Array.MaxLength} bytes are not supported.", nameof(data));
        var copy = new byte[bytes];
        LittleEndianCodec.Encode(data, copy);
        _tensors.Add(name, (dtype, shape.ToArray(), copy));
        return this;
    }

    /// <summary>Validates the name and shape and returns the element count.</summary>
    private long CheckTensor(string name, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == SafeTensorsHeaderParser.MetadataKey)
            throw new ArgumentException($"'{SafeTensorsHeaderParser.MetadataKey}' is reserved for metadata and cannot name a tensor.", nameof(name));
        CheckUtf16(name, nameof(name));
        if (_tensors.ContainsKey(name))
            throw new ArgumentException($"A tensor named '{name}' was already added.", nameof(name));
        foreach (int dim in shape)
            if (dim < 0)
                throw new ArgumentOutOfRangeException(nameof(shape), $"Tensor '{name}': shape {TensorEntry.FormatShape(shape)} has a negative dimension.");
        // Any count above int.MaxValue already disagrees with a span's length; saturate there.
        long elements = 1;
        foreach (int dim in shape) elements = Math.Min(elements * dim, (long)int.MaxValue + 1);
        return elements;
    }

    private static void CheckUtf16(string text, string paramName)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"'{ModelFormatException.Shorten(text)}' is not valid UTF-16 (unpaired surrogate), so it cannot be stored as UTF-8.", paramName, ex);
        }
    }
}
