using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DeepSharp.Serialization;

/// <summary>
/// Parses and validates a safetensors JSON header with a forward-only <see cref="Utf8JsonReader"/>:
/// no type-instantiating deserialization, duplicates detected (JsonDocument would keep them
/// silently), structure checked token by token so hostile input stops at the first bad token.
/// Every allocation here is bounded by a small multiple of the header length.
/// </summary>
internal static class SafeTensorsHeaderParser
{
    /// <summary>The key of the string-to-string metadata object.</summary>
    internal const string MetadataKey = "__metadata__";

    // Root object -> entry object -> shape array is depth 3; anything deeper is rejected anyway.
    private const int MaxJsonDepth = 8;

    /// <summary>Parses <paramref name="header"/>; validates every entry against a data section of
    /// <paramref name="dataLength"/> bytes.</summary>
    /// <exception cref="ModelFormatException">Anything malformed, inconsistent or out of bounds.</exception>
    internal static (TensorEntry[] Entries, Dictionary<string, string> Metadata) Parse(
        ReadOnlySpan<byte> header, long dataLength, string source)
    {
        if (!Utf8.IsValid(header))
            throw new ModelFormatException(source, null, "the JSON header is not valid UTF-8.");

        var entries = new List<TensorEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, string>? metadata = null;
        var reader = new Utf8JsonReader(header, new JsonReaderOptions
        {
            MaxDepth = MaxJsonDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            if (!reader.Read())
                throw new ModelFormatException(source, null, "the JSON header is empty.");
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new ModelFormatException(source, null, $"the header must be a JSON object, found {Describe(reader.TokenType)}.");
            while (Next(ref reader, source) != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                if (key == MetadataKey)
                {
                    if (metadata is not null)
                        throw new ModelFormatException(source, null, $"\"{MetadataKey}\" appears more than once.");
                    metadata = ParseMetadata(ref reader, source);
                    continue;
                }
                if (!names.Add(key))
                    throw new ModelFormatException(source, key, "the name appears more than once in the header.");
                entries.Add(ParseEntry(ref reader, key, dataLength, source));
            }
            // Only whitespace (the writer's padding) may follow; the reader throws on anything else.
            if (reader.Read())
                throw new ModelFormatException(source, null, $"unexpected {Describe(reader.TokenType)} after the header object.");
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException(source, null, $"malformed JSON header: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // GetString on an escape that encodes an unpaired surrogate lands here.
            throw new ModelFormatException(source, null, $"malformed JSON header: {ex.Message}", ex);
        }

        var ordered = entries.ToArray();
        CheckTiling(ordered, dataLength, source);
        return (ordered, metadata ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> ParseMetadata(ref Utf8JsonReader reader, string source)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonTokenType token = Next(ref reader, source);
        if (token == JsonTokenType.Null) return metadata;
        if (token != JsonTokenType.StartObject)
            throw new ModelFormatException(source, null, $"\"{MetadataKey}\" must be an object of strings, found {Describe(token)}.");
        while (Next(ref reader, source) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            token = Next(ref reader, source);
            if (token != JsonTokenType.String)
                throw new ModelFormatException(source, null,
                    $"metadata value of key '{ModelFormatException.Shorten(key)}' must be a string, found {Describe(token)}.");
            if (!metadata.TryAdd(key, reader.GetString()!))
                throw new ModelFormatException(source, null, $"metadata key '{ModelFormatException.Shorten(key)}' appears more than once.");
        }
        return metadata;
    }

    private static TensorEntry ParseEntry(ref Utf8JsonReader reader, string name, long dataLength, string source)
    {
        JsonTokenType token = Next(ref reader, source);
        if (token != JsonTokenType.StartObject)
            throw new ModelFormatException(source, name, $"the entry must be a JSON object, found {Describe(token)}.");

        SafeTensorsDType? dtype = null;
        int[]? shape = null;
        long elementCount = 0;
        (long Begin, long End)? offsets = null;
        while (Next(ref reader, source) != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            switch (field)
            {
                case "dtype" when dtype is null:
                    token = Next(ref reader, source);
                    if (token != JsonTokenType.String)
                        throw new ModelFormatException(source, name, $"\"dtype\" must be a string, found {Describe(token)}.");
                    string text = reader.GetString()!;
                    if (!SafeTensorsDTypeInfo.TryParse(text, out var parsed))
                        throw new ModelFormatException(source, name,
                            $"unknown dtype '{ModelFormatException.Shorten(text)}' (expected one of {SafeTensorsDTypeInfo.KnownNames}).");
                    dtype = parsed;
                    break;
                case "shape" when shape is null:
                    (shape, elementCount) = ParseShape(ref reader, name, source);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ParseOffsets(ref reader, name, source);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw new ModelFormatException(source, name, $"field \"{field}\" appears more than once.");
                default:
                    throw new ModelFormatException(source, name,
                        $"unexpected field '{ModelFormatException.Shorten(field)}' (expected \"dtype\", \"shape\" and \"data_offsets\").");
            }
        }
        if (dtype is null) throw new ModelFormatException(source, name, "the field \"dtype\" is missing.");
        if (shape is null) throw new ModelFormatException(source, name, "the field \"shape\" is missing.");
        if (offsets is null) throw new ModelFormatException(source, name, "the field \"data_offsets\" is missing.");

        var (begin, end) = offsets.Value;
        if (end < begin)
            throw new ModelFormatException(source, name, $"data_offsets [{begin}, {end}] end before they begin.");
        if (end > dataLength)
            throw new ModelFormatException(source, name,
                $"data_offsets [{begin}, {end}] run past the end of the {dataLength}-byte data section (file truncated?).");
        int size = SafeTensorsDTypeInfo.ElementSize(dtype.Value);
        long expected = elementCount <= long.MaxValue / size ? elementCount * size : -1;
        if (expected != end - begin)
            throw new ModelFormatException(source, name,
                $"shape {TensorEntry.FormatShape(shape)} of {SafeTensorsDTypeInfo.HeaderName(dtype.Value)} needs "
                + $"{(expected < 0 ? "more than " + long.MaxValue : expected.ToString())} bytes, but data_offsets [{begin}, {end}] hold {end - begin}.");
        return new TensorEntry(name, dtype.Value, shape, elementCount, begin, end - begin);
    }

    private static (int[] Shape, long ElementCount) ParseShape(ref Utf8JsonReader reader, string name, string source)
    {
        JsonTokenType token = Next(ref reader, source);
        if (token != JsonTokenType.StartArray)
            throw new ModelFormatException(source, name, $"\"shape\" must be an array of integers, found {Describe(token)}.");
        var dims = new List<int>();
        ulong count = 1;
        bool overflow = false;
        while (Next(ref reader, source) != JsonTokenType.EndArray)
        {
            ulong dim = ReadUInt64(ref reader, name, "shape", source);
            if (dim > int.MaxValue)
                throw new ModelFormatException(source, name, $"dimension {dim} of \"shape\" exceeds the supported maximum {int.MaxValue}.");
            dims.Add((int)dim);
            // Checked multiplication; a later zero dimension does not excuse an overflow.
            ulong high = Math.BigMul(count, dim, out ulong low);
            if (high != 0 || low > long.MaxValue) overflow = true;
            count = low;
        }
        if (overflow && !dims.Contains(0))
            throw new ModelFormatException(source, name, $"the element count of shape {TensorEntry.FormatShape(dims.ToArray())} overflows a 64-bit integer.");
        return (dims.ToArray(), dims.Contains(0) ? 0 : (long)count);
    }

    private static (long Begin, long End) ParseOffsets(ref Utf8JsonReader reader, string name, string source)
    {
        JsonTokenType token = Next(ref reader, source);
        if (token != JsonTokenType.StartArray)
            throw new ModelFormatException(source, name, $"\"data_offsets\" must be an array [begin, end], found {Describe(token)}.");
        Span<ulong> values = stackalloc ulong[2];
        int n = 0;
        while (Next(ref reader, source) != JsonTokenType.EndArray)
        {
            if (n == 2)
                throw new ModelFormatException(source, name, "\"data_offsets\" must hold exactly 2 integers, found more.");
            values[n++] = ReadUInt64(ref reader, name, "data_offsets", source);
        }
        if (n != 2)
            throw new ModelFormatException(source, name, $"\"data_offsets\" must hold exactly 2 integers, found {n}.");
        if (values[0] > long.MaxValue || values[1] > long.MaxValue)
            throw new ModelFormatException(source, name, $"data_offsets [{values[0]}, {values[1]}] exceed any possible file size.");
        return ((long)values[0], (long)values[1]);
    }

    private static ulong ReadUInt64(ref Utf8JsonReader reader, string name, string field, string source)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new ModelFormatException(source, name, $"\"{field}\" must hold non-negative integers, found {Describe(reader.TokenType)}.");
        if (!reader.TryGetUInt64(out ulong value))
            throw new ModelFormatException(source, name,
                $"\"{field}\" must hold non-negative integers, found {ModelFormatException.Shorten(Encoding.UTF8.GetString(reader.ValueSpan))}.");
        return value;
    }

    /// <summary>Checks that the byte ranges, taken in offset order, tile [0, dataLength) exactly:
    /// no overlap (two tensors aliasing bytes), no gap and no trailing bytes (hidden data).</summary>
    private static void CheckTiling(TensorEntry[] entries, long dataLength, string source)
    {
        Array.Sort(entries, static (a, b) =>
        {
            int c = a.DataOffset.CompareTo(b.DataOffset);
            return c != 0 ? c : a.ByteLength.CompareTo(b.ByteLength);
        });
        long cursor = 0;
        TensorEntry? previous = null;
        foreach (var entry in entries)
        {
            if (entry.DataOffset < cursor)
                throw new ModelFormatException(source, entry.Name,
                    $"its bytes [{entry.DataOffset}, {entry.DataOffset + entry.ByteLength}) overlap those of tensor '{ModelFormatException.Shorten(previous!.Name)}', which end at {cursor}.");
            if (entry.DataOffset > cursor)
                throw new ModelFormatException(source, entry.Name,
                    $"its data starts at {entry.DataOffset}, but the previous tensor ends at {cursor}: data ranges must be contiguous.");
            cursor = entry.DataOffset + entry.ByteLength;
            previous = entry;
        }
        if (cursor != dataLength)
            throw new ModelFormatException(source, null,
                $"the tensors cover {cursor} bytes, but the data section holds {dataLength}: {dataLength - cursor} bytes belong to no tensor.");
    }

    /// <summary>Advances to the next token; the caller's loop structure guarantees one exists in
    /// well-formed JSON, so running out means the header was cut short.</summary>
    private static JsonTokenType Next(ref Utf8JsonReader reader, string source)
    {
        if (!reader.Read())
            throw new ModelFormatException(source, null, "the JSON header ends before its closing brace.");
        return reader.TokenType;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
