using System.Globalization;
using System.Text;

namespace DeepSharp.Data;

/// <summary>
/// Reads a numeric CSV table: an optional header row, numeric feature columns (invariant
/// culture: '.' decimal point) and an optional label column, class or regression. Quoted fields
/// (RFC 4180) are supported. Missing, non-numeric or non-finite values and ragged rows raise
/// <see cref="DataFormatException"/> naming the file, line and column.
/// </summary>
public static class CsvDataReader
{
    /// <summary>Reads the CSV file at <paramref name="path"/> (UTF-8, or as its byte-order mark says).</summary>
    /// <exception cref="DataFormatException">The file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CsvData Read(string path, CsvReadOptions? options = null)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
            new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        return Read(reader, path, options);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="sourceName"/> is
    /// named in error messages.</summary>
    /// <exception cref="DataFormatException">The text is malformed.</exception>
    /// <exception cref="ArgumentException">The label is chosen by name but <see cref="CsvReadOptions.HasHeader"/> is false.</exception>
    public static CsvData Read(TextReader reader, string sourceName, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= new CsvReadOptions();
        var tokenizer = new CsvTokenizer(reader, options.Delimiter, sourceName);
        var fields = new List<CsvField>();

        if (!tokenizer.ReadRecord(fields))
            throw new DataFormatException(sourceName,
                options.HasHeader ? "the file is empty; expected a header row." : "the file is empty; expected at least one row.", line: 1);
        string[] columns = options.HasHeader
            ? fields.Select(f => f.Text).ToArray()
            : Enumerable.Range(1, fields.Count).Select(i => $"column{i}").ToArray();
        int labelIndex = options.Label?.Resolve(columns, options.HasHeader, sourceName) ?? -1;
        bool regression = labelIndex >= 0 && options.LabelKind == CsvLabelKind.Regression;
        string[] featureNames = columns.Where((_, i) => i != labelIndex).ToArray();
        if (featureNames.Length == 0)
            throw new DataFormatException(sourceName,
                $"no feature columns: the only column is the label '{Shorten(columns[labelIndex])}'; expected at least one numeric feature column besides it.", line: 1);

        var features = new List<float>();
        var classTexts = labelIndex >= 0 && !regression ? new List<string>() : null;
        var targets = regression ? new List<float>() : null;
        int n = 0;
        bool haveRow = !options.HasHeader || tokenizer.ReadRecord(fields);
        while (haveRow)
        {
            if (fields.Count != columns.Length)
                throw new DataFormatException(sourceName,
                    $"ragged row: expected {columns.Length} fields ({(options.HasHeader ? "as in the header" : "as in the first row")}), found {fields.Count}.",
                    line: fields[0].Line);
            if ((n + 1L) * columns.Length > options.MaxValues)
                throw new DataFormatException(sourceName,
                    $"the table has more than {options.MaxValues} values ({n + 1} rows of {columns.Length} columns); raise CsvReadOptions.MaxValues to read it.",
                    line: fields[0].Line);
            for (int c = 0; c < fields.Count; c++)
            {
                if (c == labelIndex)
                {
                    if (regression) targets!.Add(ParseNumber(fields[c], c, columns[c], sourceName));
                    else if (fields[c].Text.Length == 0)
                        throw new DataFormatException(sourceName, "missing label; expected a class name.",
                            line: fields[c].Line, column: c + 1, columnName: columns[c]);
                    else classTexts!.Add(fields[c].Text);
                }
                else
                {
                    features.Add(ParseNumber(fields[c], c, columns[c], sourceName));
                }
            }
            n++;
            haveRow = tokenizer.ReadRecord(fields);
        }

        int[]? classLabels = null;
        string[]? classNames = null;
        if (classTexts is not null) (classLabels, classNames) = MapClasses(classTexts);
        return new CsvData(features.ToArray(), n, featureNames, classLabels, targets?.ToArray(), classNames,
            labelIndex >= 0 ? columns[labelIndex] : null);
    }

    /// <summary>Maps class texts to indices: numeric-looking sets are ordered by value, others by
    /// ordinal string order, so the mapping does not depend on row order.</summary>
    private static (int[] Labels, string[] Names) MapClasses(List<string> texts)
    {
        string[] names = texts.Distinct(StringComparer.Ordinal).ToArray();
        var numbers = new double[names.Length];
        bool numeric = true;
        for (int i = 0; i < names.Length && numeric; i++)
            numeric = double.TryParse(names[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i]);
        if (numeric)
        {
            int[] order = Enumerable.Range(0, names.Length)
                .OrderBy(i => numbers[i]).ThenBy(i => names[i], StringComparer.Ordinal).ToArray();
            names = order.Select(i => names[i]).ToArray();
        }
        else
        {
            Array.Sort(names, StringComparer.Ordinal);
        }
        var index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++) index[names[i]] = i;
        var labels = new int[texts.Count];
        for (int i = 0; i < labels.Length; i++) labels[i] = index[texts[i]];
        return (labels, names);
    }

    private static float ParseNumber(CsvField field, int column, string columnName, string source)
    {
        string text = field.Text;
        if (text.Trim().Length == 0)
            throw new DataFormatException(source, "missing value; expected a number.", line: field.Line, column: column + 1, columnName: columnName);
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            throw new DataFormatException(source, $"expected a number, found '{Shorten(text)}'.", line: field.Line, column: column + 1, columnName: columnName);
        if (!float.IsFinite(value))
            throw new DataFormatException(source, $"expected a finite number within float range, found '{Shorten(text)}'.",
                line: field.Line, column: column + 1, columnName: columnName);
        return value;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
