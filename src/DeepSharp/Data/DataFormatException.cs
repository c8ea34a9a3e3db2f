namespace DeepSharp.Data;

/// <summary>
/// A data file (IDX, CSV, ...) is malformed, truncated or hostile. The message names the file,
/// where the problem is (byte offset, or line and column) and what was expected versus found.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception; the message is composed as
    /// <c>"{filePath} (location): {detail}"</c>.</summary>
    /// <param name="filePath">The file (or source name) being read.</param>
    /// <param name="detail">What was expected and what was found.</param>
    /// <param name="offset">Byte offset of the problem (for gzip files, in the decompressed data).</param>
    /// <param name="line">1-based line of the problem, for text formats.</param>
    /// <param name="column">1-based column (field) index of the problem, for text formats.</param>
    /// <param name="columnName">Name of the column, when known.</param>
    /// <param name="innerException">The underlying error, if any (e.g. a corrupt gzip stream).</param>
    public DataFormatException(string filePath, string detail, long? offset = null, int? line = null,
        int? column = null, string? columnName = null, Exception? innerException = null)
        : base(Compose(filePath, detail, offset, line, column, columnName), innerException)
    {
        FilePath = filePath;
        Detail = detail;
        Offset = offset;
        Line = line;
        Column = column;
        ColumnName = columnName;
    }

    /// <summary>The file (or source name) that was being read.</summary>
    public string FilePath { get; }

    /// <summary>The problem without the location prefix.</summary>
    public string Detail { get; }

    /// <summary>Byte offset of the problem, if the format is binary.</summary>
    public long? Offset { get; }

    /// <summary>1-based line of the problem, if the format is text.</summary>
    public int? Line { get; }

    /// <summary>1-based column (field) index of the problem, if the format is tabular.</summary>
    public int? Column { get; }

    /// <summary>Name of the column (from the header) of the problem, if known.</summary>
    public string? ColumnName { get; }

    private static string Compose(string filePath, string detail, long? offset, int? line, int? column, string? columnName)
    {
        var where = new List<string>(3);
        if (offset is long o) where.Add($"byte offset {o}");
        if (line is int l) where.Add($"line {l}");
        if (column is int c) where.Add(columnName is null ? $"column {c}" : $"column {c} '{columnName}'");
        string location = where.Count == 0 ? "" : $" ({string.Join(", ", where)})";
        return $"{filePath}{location}: {detail}";
    }
}
