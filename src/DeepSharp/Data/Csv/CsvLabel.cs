namespace DeepSharp.Data;

/// <summary>Which CSV column holds the label: by header name, by 0-based index, or the last
/// column. Strings and integers convert implicitly (<c>Label = "species"</c>, <c>Label = 4</c>).</summary>
public sealed class CsvLabel
{
    private CsvLabel(string? name, int index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The header name of the label column, or null when chosen by position.</summary>
    public string? Name { get; }

    /// <summary>The 0-based column index, -1 for the last column; meaningless when <see cref="Name"/> is set.</summary>
    public int Index { get; }

    /// <summary>The last column.</summary>
    public static CsvLabel Last { get; } = new(null, -1);

    /// <summary>The column whose header is <paramref name="name"/> (exact, case-sensitive).</summary>
    public static CsvLabel ByName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(name, 0);
    }

    /// <summary>The column at 0-based <paramref name="index"/>.</summary>
    public static CsvLabel ByIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new(null, index);
    }

    /// <summary>Same as <see cref="ByName"/>.</summary>
    public static implicit operator CsvLabel(string name) => ByName(name);

    /// <summary>Same as <see cref="ByIndex"/>.</summary>
    public static implicit operator CsvLabel(int index) => ByIndex(index);

    /// <inheritdoc/>
    public override string ToString() => Name is not null ? $"'{Name}'" : Index < 0 ? "last column" : $"column index {Index}";

    // Resolves to a 0-based index into the header, or throws naming the columns available.
    internal int Resolve(string[] header, bool hasHeader, string source)
    {
        if (Name is null)
        {
            int index = Index < 0 ? header.Length - 1 : Index;
            if (index >= header.Length)
                throw new DataFormatException(source,
                    $"label column index {Index} is out of range; the file has {header.Length} columns.", line: 1);
            return index;
        }
        if (!hasHeader)
            throw new ArgumentException($"label column {this} is chosen by name, but the CSV options say the file has no header row.");
        int found = -1;
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i] != Name) continue;
            if (found >= 0)
                throw new DataFormatException(source, $"label column name '{Name}' is ambiguous: columns {found + 1} and {i + 1} both have it.", line: 1);
            found = i;
        }
        if (found < 0)
            throw new DataFormatException(source,
                $"no column named '{Name}' for the label; the header has: {string.Join(", ", header)}.", line: 1);
        return found;
    }
}
