using DeepSharp.Serialization;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DeepSharp.Training;

/// <summary>
/// Strict reading and writing of the small JSON objects a checkpoint keeps in its metadata. Every
/// problem becomes a <see cref="ModelFormatException"/> naming the metadata key and the field.
/// Non-finite numbers (a NaN loss, an infinite best value) are written as the strings "NaN",
/// "Infinity" and "-Infinity", since JSON numbers cannot hold them.
/// </summary>
internal readonly struct MetadataJson
{
    private readonly string _source;
    private readonly string _key;

    private MetadataJson(string source, string key, JsonElement root)
    {
        _source = source;
        _key = key;
        Root = root;
    }

    public JsonElement Root { get; }

    /// <summary>Parses metadata <paramref name="key"/> and hands its root object to <paramref name="read"/>.</summary>
    public static T Read<T>(string source, string key, string json, Func<MetadataJson, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            var reader = new MetadataJson(source, key, document.RootElement);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw reader.Fail($"expected a JSON object, found {JsonValueKinds.Describe(document.RootElement)}.");
            return read(reader);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException(source, null, $"metadata '{key}' is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ModelFormatException(source, null, $"metadata '{key}' is not valid JSON: {ex.Message}", ex);
        }
    }

    public ModelFormatException Fail(string problem) => new(_source, null, $"metadata '{_key}': {problem}");

    /// <summary>Throws unless the object has only the given fields, each at most once.</summary>
    public void CheckFields(JsonElement obj, string what, params string[] fields)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw Fail($"{what} must be an object, found {JsonValueKinds.Describe(obj)}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (!seen.Add(p.Name)) throw Fail($"{what}: field \"{ModelFormatException.Shorten(p.Name)}\" appears more than once.");
            if (System.Array.IndexOf(fields, p.Name) < 0)
                throw Fail($"{what}: unknown field \"{ModelFormatException.Shorten(p.Name)}\"; expected {string.Join(", ", fields)}.");
        }
    }

    public JsonElement Field(JsonElement obj, string name, string what) =>
        obj.TryGetProperty(name, out var value) ? value : throw Fail($"{what}: missing field \"{name}\".");

    public int Int(JsonElement obj, string name, string what, int min = 0, int max = int.MaxValue)
    {
        var v = Field(obj, name, what);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) && i >= min && i <= max
            ? i
            : throw Fail(max == int.MaxValue
                ? $"{what}: \"{name}\" must be an integer >= {min}, found {JsonValueKinds.Describe(v)}."
                : $"{what}: \"{name}\" must be an integer in [{min}, {max}], found {JsonValueKinds.Describe(v)}.");
    }

    public ulong UInt64(JsonElement obj, string name, string what)
    {
        var v = Field(obj, name, what);
        return v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out ulong u)
            ? u
            : throw Fail($"{what}: \"{name}\" must be an unsigned 64-bit integer, found {JsonValueKinds.Describe(v)}.");
    }

    public bool Bool(JsonElement obj, string name, string what)
    {
        var v = Field(obj, name, what);
        return v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : throw Fail($"{what}: \"{name}\" must be true or false, found {JsonValueKinds.Describe(v)}.");
    }

    public string String(JsonElement obj, string name, string what)
    {
        var v = Field(obj, name, what);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Fail($"{what}: \"{name}\" must be a string, found {JsonValueKinds.Describe(v)}.");
    }

    public string? OptionalString(JsonElement obj, string name, string what)
    {
        var v = Field(obj, name, what);
        return v.ValueKind == JsonValueKind.Null ? null : String(obj, name, what);
    }

    /// <summary>A number, or one of the strings "NaN", "Infinity", "-Infinity".</summary>
    public double Double(JsonElement value, string what)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d)) return d;
        if (value.ValueKind == JsonValueKind.String)
        {
            switch (value.GetString())
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
            }
        }
        throw Fail($"{what} must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), found {JsonValueKinds.Describe(value)}.");
    }

    public double Double(JsonElement obj, string name, string what) => Double(Field(obj, name, what), $"{what}: \"{name}\"");

    public double? OptionalDouble(JsonElement obj, string name, string what)
    {
        var v = Field(obj, name, what);
        return v.ValueKind == JsonValueKind.Null ? null : Double(v, $"{what}: \"{name}\"");
    }

    public JsonElement Array(JsonElement obj, string name, string what)
    {
        var v = Field(obj, name, what);
        return v.ValueKind == JsonValueKind.Array ? v : throw Fail($"{what}: \"{name}\" must be an array, found {JsonValueKinds.Describe(v)}.");
    }

    /// <summary>Writes a JSON object with <paramref name="write"/> and returns it as text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a double that may be non-finite (then as a string).</summary>
    public static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    public static void WriteDouble(Utf8JsonWriter json, string name, double? value)
    {
        json.WritePropertyName(name);
        if (value is { } v) WriteDouble(json, v);
        else json.WriteNullValue();
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
