namespace DeepSharp.Data;

/// <summary>Options of <see cref="CsvDataReader"/>.</summary>
public sealed record CsvReadOptions
{
    private readonly char _delimiter = ',';
    private readonly CsvLabelKind _labelKind = CsvLabelKind.Class;

    /// <summary>The label column; null when every column is a feature.</summary>
    public CsvLabel? Label { get; init; }

    /// <summary>Whether the label is a class (default) or a regression target.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public CsvLabelKind LabelKind
    {
        get => _labelKind;
        init => _labelKind = Enum.IsDefined(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(LabelKind), value, "LabelKind must be Class or Regression.");
    }

    /// <summary>The field delimiter (default ','; e.g. ';' or '\t').</summary>
    /// <exception cref="ArgumentOutOfRangeException">A quote, carriage return or line feed.</exception>
    public char Delimiter
    {
        get => _delimiter;
        init => _delimiter = value is '"' or '\r' or '\n'
            ? throw new ArgumentOutOfRangeException(nameof(Delimiter), value, "Delimiter cannot be a quote or a line break.")
            : value;
    }

    /// <summary>Whether the first row holds column names (default true). Without one, columns
    /// are named column1, column2, ...</summary>
    public bool HasHeader { get; init; } = true;
}
