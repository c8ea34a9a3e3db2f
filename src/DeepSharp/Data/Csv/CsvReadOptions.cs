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

    /// <summary>Default of <see cref="MaxValues"/>: 2^27 values (512 MiB as float32).</summary>
    public const long DefaultMaxValues = 1L << 27;

    /// <summary>Most values (rows x columns) the table may hold; a larger file is refused when the row
    /// that crosses the limit is reached, before more memory is used (default <see cref="DefaultMaxValues"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public long MaxValues
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxValues), value, "MaxValues must be at least 1.");
    } = DefaultMaxValues;

    /// <summary>Whether the first row holds column names (default true). Without one, columns
    /// are named column1, column2, ...</summary>
    public bool HasHeader { get; init; } = true;
}
