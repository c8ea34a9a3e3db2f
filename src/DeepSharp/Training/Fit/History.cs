using System.Globalization;
using System.Text;
using DeepSharp.IO;

namespace DeepSharp.Training;

/// <summary>The per-epoch records of a training run, with CSV export and import.</summary>
/// <remarks>CSV columns: <c>epoch,train_loss,train_metric,val_loss,val_metric,learning_rate,seconds,skipped_batches</c>;
/// missing values are empty cells; numbers use the invariant culture and round-trip exactly.</remarks>
public sealed class History
{
    private const string Header = "epoch,train_loss,train_metric,val_loss,val_metric,learning_rate,seconds,skipped_batches";
    private readonly List<EpochRecord> _epochs = [];

    /// <summary>Creates an empty history.</summary>
    /// <param name="metricName">Name of the metric in <see cref="EpochRecord.TrainMetric"/>, if any.</param>
    public History(string? metricName = null) => MetricName = metricName;

    /// <summary>The records, in epoch order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>Number of epochs recorded.</summary>
    public int Count => _epochs.Count;

    /// <summary>The record at position <paramref name="index"/> (0 is epoch 1 of a fresh run).</summary>
    public EpochRecord this[int index] => _epochs[index];

    /// <summary>The last record, or null when empty.</summary>
    public EpochRecord? Last => _epochs.Count == 0 ? null : _epochs[^1];

    /// <summary>Name of the metric, e.g. <c>accuracy</c>, or null.</summary>
    public string? MetricName { get; }

    /// <summary>Why training ended; null while running or for a history loaded from CSV.</summary>
    public StopReason? StopReason { get; internal set; }

    /// <summary>Appends a record.</summary>
    public void Add(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _epochs.Add(record);
    }

    /// <summary>The history as CSV text with a header line.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in _epochs)
        {
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Format(r.TrainLoss)).Append(',')
              .Append(Format(r.TrainMetric)).Append(',')
              .Append(Format(r.ValidationLoss)).Append(',')
              .Append(Format(r.ValidationMetric)).Append(',')
              .Append(Format(r.LearningRate)).Append(',')
              .Append(Format(r.Seconds)).Append(',')
              .Append(r.SkippedBatches.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically: a reader sees the old
    /// file or the new one, never a partial write.</summary>
    public void SaveCsv(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = new UTF8Encoding(false).GetBytes(ToCsv());
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Parses CSV text written by <see cref="ToCsv"/>.</summary>
    /// <exception cref="FormatException">The header or a value is not what <see cref="ToCsv"/> writes; the message names the line and column.</exception>
    public static History FromCsv(string csv, string? metricName = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Replace("\r\n", "\n").Split('\n');
        if (lines[0].Trim() != Header)
            throw new FormatException($"History CSV line 1: expected the header '{Header}', found '{lines[0]}'.");
        var history = new History(metricName);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != 8)
                throw new FormatException($"History CSV line {i + 1}: expected 8 columns, found {cells.Length}.");
            history.Add(new EpochRecord(
                ParseInt(cells[0], i, 1), ParseDouble(cells[1], i, 2), ParseOptional(cells[2], i, 3), ParseOptional(cells[3], i, 4),
                ParseOptional(cells[4], i, 5), ParseDouble(cells[5], i, 6), ParseDouble(cells[6], i, 7), ParseInt(cells[7], i, 8)));
        }
        return history;
    }

    /// <summary>Reads a CSV file written by <see cref="SaveCsv"/>.</summary>
    public static History LoadCsv(string path, string? metricName = null) => FromCsv(File.ReadAllText(path), metricName);

    private static string Format(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static double? ParseOptional(string cell, int line, int column) => cell.Length == 0 ? null : ParseDouble(cell, line, column);

    private static double ParseDouble(string cell, int line, int column) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new FormatException($"History CSV line {line + 1}, column {column}: expected a number, found '{cell}'.");

    private static int ParseInt(string cell, int line, int column) =>
        int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new FormatException($"History CSV line {line + 1}, column {column}: expected an integer, found '{cell}'.");
}
