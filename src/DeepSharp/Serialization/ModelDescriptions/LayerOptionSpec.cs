using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace DeepSharp.Serialization;

/// <summary>
/// One option of a layer type: its JSON name, kind, default and valid range. Converts user values
/// (from JSON or from C#) to the canonical stored form, or explains why it cannot.
/// </summary>
internal sealed class LayerOptionSpec
{
    private const int MaxListLength = 8;

    private LayerOptionSpec(string name, LayerOptionKind kind, string summary)
    {
        Name = name;
        Kind = kind;
        Summary = summary;
    }

    /// <summary>The JSON name (camelCase).</summary>
    public string Name { get; }

    /// <summary>The value kind.</summary>
    public LayerOptionKind Kind { get; }

    /// <summary>One line for documentation and error messages.</summary>
    public string Summary { get; }

    /// <summary>The canonical default, or null when the option is required (or defaults to another option).</summary>
    public object? Default { get; private init; }

    /// <summary>When set, a missing value copies this other option's value (pool stride = kernel).</summary>
    public string? DefaultFrom { get; private init; }

    /// <summary>Smallest integer accepted (Int, Size2 and IntList elements).</summary>
    public int Min { get; private init; } = int.MinValue;

    /// <summary>Largest integer accepted (Int and Size2 elements).</summary>
    public int Max { get; private init; } = int.MaxValue;

    /// <summary>Test of a Double value, with its wording (e.g. "in [0, 1]").</summary>
    public Func<double, bool> DoubleCheck { get; private init; } = double.IsFinite;

    /// <summary>The requirement a Double must meet, in words.</summary>
    public string DoubleRequirement { get; private init; } = "a finite number";

    /// <summary>The accepted strings of a Choice option.</summary>
    public IReadOnlyList<string> Choices { get; private init; } = [];

    /// <summary>True when the description must give the option.</summary>
    public bool Required => Default is null && DefaultFrom is null;

    public static LayerOptionSpec Int(string name, string summary, int min, int? defaultValue = null, int max = int.MaxValue) =>
        new(name, LayerOptionKind.Int, summary) { Min = min, Max = max, Default = defaultValue };

    public static LayerOptionSpec Double(string name, string summary, double defaultValue, Func<double, bool>? check = null, string? requirement = null) =>
        new(name, LayerOptionKind.Double, summary)
        {
            Default = defaultValue,
            DoubleCheck = check ?? double.IsFinite,
            DoubleRequirement = requirement ?? "a finite number",
        };

    public static LayerOptionSpec Bool(string name, string summary, bool defaultValue) =>
        new(name, LayerOptionKind.Bool, summary) { Default = defaultValue };

    public static LayerOptionSpec Size2(string name, string summary, int min, int? defaultValue = null, string? defaultFrom = null, int max = int.MaxValue) =>
        new(name, LayerOptionKind.Size2, summary)
        {
            Min = min,
            Max = max,
            Default = defaultValue is { } d ? Pair(d, d) : null,
            DefaultFrom = defaultFrom,
        };

    public static LayerOptionSpec IntList(string name, string summary, int min) =>
        new(name, LayerOptionKind.IntList, summary) { Min = min };

    public static LayerOptionSpec Choice(string name, string summary, string defaultValue, params string[] choices) =>
        new(name, LayerOptionKind.Choice, summary) { Default = defaultValue, Choices = choices };

    /// <summary>What the option accepts, in words, for error messages.</summary>
    public string Expected => Kind switch
    {
        LayerOptionKind.Int => Max != int.MaxValue ? $"an integer in [{Min}, {Max}]" : Min == int.MinValue ? "an integer" : $"an integer >= {Min}",
        LayerOptionKind.Double => DoubleRequirement,
        LayerOptionKind.Bool => "true or false",
        LayerOptionKind.Size2 => Max != int.MaxValue
            ? $"an integer in [{Min}, {Max}] or [height, width] of such integers"
            : $"an integer >= {Min} or [height, width] of integers >= {Min}",
        LayerOptionKind.IntList => $"a list of 1 to {MaxListLength} integers" + (Min == int.MinValue ? "" : $" >= {Min}"),
        _ => "one of " + string.Join(", ", Choices.Select(c => $"\"{c}\"")),
    };

    /// <summary>The default written out for documentation.</summary>
    public string DefaultText => DefaultFrom is { } from ? $"= {from}"
        : Default is null ? "required"
        : FormatValue(Default);

    /// <summary>Reads the option from a JSON value; null on success, else what was wrong.</summary>
    public string? TryRead(JsonElement element, out object? value)
    {
        value = null;
        switch (Kind)
        {
            case LayerOptionKind.Int:
                if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int i)) return TryInt(i, out value);
                break;
            case LayerOptionKind.Double:
                if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double d)) return TryDouble(d, out value);
                break;
            case LayerOptionKind.Bool:
                if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = element.GetBoolean();
                    return null;
                }
                break;
            case LayerOptionKind.Choice:
                if (element.ValueKind == JsonValueKind.String) return TryChoice(element.GetString()!, out value);
                break;
            default:
                if (element.ValueKind == JsonValueKind.Number && Kind == LayerOptionKind.Size2 && element.TryGetInt32(out int n))
                    return TryInts([n, n], out value);
                if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() <= MaxListLength)
                {
                    var items = new List<int>();
                    foreach (var item in element.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out int v)) return Mismatch(item.GetRawText());
                        items.Add(v);
                    }
                    return TryInts(items, out value);
                }
                break;
        }
        return Mismatch(element.GetRawText());
    }

    /// <summary>Converts a C# value (int, long, double, float, bool, string, int[], (int, int),
    /// any IEnumerable of int); null on success, else what was wrong.</summary>
    public string? TryConvert(object? raw, out object? value)
    {
        value = null;
        switch (Kind, raw)
        {
            case (LayerOptionKind.Int, int i): return TryInt(i, out value);
            case (LayerOptionKind.Int, long l) when l is >= int.MinValue and <= int.MaxValue: return TryInt((int)l, out value);
            case (LayerOptionKind.Double, double d): return TryDouble(d, out value);
            case (LayerOptionKind.Double, float f): return TryDouble(f, out value);
            case (LayerOptionKind.Double, int i): return TryDouble(i, out value);
            case (LayerOptionKind.Bool, bool b):
                value = b;
                return null;
            case (LayerOptionKind.Choice, string s): return TryChoice(s, out value);
            case (LayerOptionKind.Size2, int n): return TryInts([n, n], out value);
            case (LayerOptionKind.Size2, ValueTuple<int, int> t): return TryInts([t.Item1, t.Item2], out value);
            case (LayerOptionKind.Size2 or LayerOptionKind.IntList, IEnumerable<int> list): return TryInts([.. list], out value);
        }
        return Mismatch(raw is null ? "null" : FormatValue(raw));
    }

    private string? TryInt(int i, out object? value)
    {
        value = null;
        if (i < Min || i > Max) return Mismatch(i.ToString(CultureInfo.InvariantCulture));
        value = i;
        return null;
    }

    private string? TryDouble(double d, out object? value)
    {
        value = null;
        if (!DoubleCheck(d)) return Mismatch(d.ToString("R", CultureInfo.InvariantCulture));
        value = d;
        return null;
    }

    private string? TryChoice(string s, out object? value)
    {
        value = Choices.FirstOrDefault(c => string.Equals(c, s, StringComparison.OrdinalIgnoreCase));
        return value is null ? Mismatch($"\"{ModelFormatException.Shorten(s)}\"") : null;
    }

    private string? TryInts(List<int> items, out object? value)
    {
        value = null;
        string found = "[" + string.Join(", ", items) + "]";
        if (Kind == LayerOptionKind.Size2 && items.Count != 2) return Mismatch(found);
        if (items.Count is 0 or > MaxListLength || items.Any(v => v < Min || v > Max)) return Mismatch(found);
        value = new ReadOnlyCollection<int>([.. items]);
        return null;
    }

    private string Mismatch(string found) => $"option '{Name}' expects {Expected}, found {Shorten(found)}.";

    private static string Shorten(string text) => ModelFormatException.Shorten(text.Length > 60 ? text[..60] + "..." : text);

    internal static ReadOnlyCollection<int> Pair(int height, int width) => new([height, width]);

    /// <summary>A canonical value as JSON-like text (lists as [a, b]).</summary>
    internal static string FormatValue(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => $"\"{s}\"",
        IEnumerable<int> list => "[" + string.Join(", ", list.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]",
        _ => value.ToString() ?? "",
    };
}
