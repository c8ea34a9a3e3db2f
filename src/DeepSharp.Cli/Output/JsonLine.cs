using System.Text;
using System.Text.Json;

namespace DeepSharp.Cli.Output;

/// <summary>Writes one JSON object on one line; non-finite numbers become null (JSON has no NaN).</summary>
internal sealed class JsonLine
{
    private readonly MemoryStream _buffer = new();
    private readonly Utf8JsonWriter _writer;

    public JsonLine()
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false });
        _writer.WriteStartObject();
    }

    public JsonLine Add(string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) _writer.WriteNumber(name, v);
        else _writer.WriteNull(name);
        return this;
    }

    public JsonLine Add(string name, long value)
    {
        _writer.WriteNumber(name, value);
        return this;
    }

    public JsonLine Add(string name, string? value)
    {
        if (value is null) _writer.WriteNull(name);
        else _writer.WriteString(name, value);
        return this;
    }

    public JsonLine Add(string name, bool value)
    {
        _writer.WriteBoolean(name, value);
        return this;
    }

    public JsonLine Add(string name, IEnumerable<double> values)
    {
        _writer.WriteStartArray(name);
        foreach (double v in values)
        {
            if (double.IsFinite(v)) _writer.WriteNumberValue(v);
            else _writer.WriteNullValue();
        }
        _writer.WriteEndArray();
        return this;
    }

    public override string ToString()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.ToArray());
    }
}
