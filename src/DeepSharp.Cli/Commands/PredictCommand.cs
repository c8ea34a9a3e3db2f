using System.Globalization;
using System.Text;
using DeepSharp.Cli.Setup;
using DeepSharp.Data;
using DeepSharp.IO;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp predict</c>: the predicted class and the class probabilities of every row
/// of a CSV file or every image of an IDX file, as CSV.</summary>
internal sealed class PredictCommand : ICommand
{
    public string Name => "predict";

    public string Summary => "Predicted class and probabilities per row of a CSV or IDX file, as CSV";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        CheckpointArguments.Option,
        .. CheckpointArguments.ModelOptions,
        new("dataset", "With --weights: the data the weights were trained on (gives the model's shapes and class names)", ValueName: "NAME"),
        new("input", "A CSV file of feature rows (with a header), or an IDX image file (e.g. t10k-images-idx3-ubyte.gz)", ValueName: "FILE"),
        new("label-column", "A column of the CSV to leave out of the features (e.g. the true label), by name or 0-based index", ValueName: "COLUMN"),
        new("no-header", "The CSV file has no header row", IsFlag: true),
        new("output", "Write the CSV here instead of to stdout", ValueName: "FILE"),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        var stored = CheckpointArguments.Load(args, Name);
        string input = args.GetString("input") ?? throw new CliUsageException("'predict': --input <csv|idx file> is required.");
        InputFiles.Require(input, "input file");
        var inputs = IsCsv(input) ? ReadCsv(args, input) : ReadIdx(input);
        int[] sample = inputs.ShapeArray[1..];
        ModelArguments.CheckShapes(stored.Model, Path.GetFileName(input), sample, 0, "input file");
        if (stored.Model.InputShape.Length > 1) inputs = inputs.Reshape([inputs.Size(0), .. stored.Model.InputShape]);
        else if (sample.Length > 1) inputs = inputs.Reshape(inputs.Size(0), -1);

        var probabilities = Predictions.Predict(stored.Model.Module, inputs);
        string csv = Format(probabilities, stored.ClassNames);
        if (args.GetString("output") is { } output)
        {
            AtomicFile.WriteAllBytes(output, Encoding.UTF8.GetBytes(csv));
            context.Error.WriteLine($"wrote {probabilities.GetLength(0)} predictions to {output}");
        }
        else context.Out.Write(csv);
        return 0;
    }

    private static bool IsCsv(string path)
    {
        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);
    }

    private static Tensor ReadCsv(ParsedArguments args, string path)
    {
        CsvLabel? label = args.GetString("label-column") is { } column
            ? int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? CsvLabel.ByIndex(index) : CsvLabel.ByName(column)
            : null;
        var data = CsvDataReader.Read(path, new CsvReadOptions { Label = label, HasHeader = !args.Has("no-header") });
        return Tensor.Wrap(data.Features, data.N, data.FeatureCount);
    }

    private static Tensor ReadIdx(string path)
    {
        var (pixels, count, rows, cols) = IdxReader.ReadImages(path);
        return Tensor.Wrap(pixels, count, 1, rows, cols);
    }

    private static string Format(float[,] probabilities, IReadOnlyList<string> classNames)
    {
        int rows = probabilities.GetLength(0), classes = probabilities.GetLength(1);
        int[] predicted = Predictions.Classes(probabilities);
        string Name(int c) => c < classNames.Count ? classNames[c] : c.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder("row,predicted,label");
        for (int c = 0; c < classes; c++) sb.Append(',').Append(Quote("p_" + Name(c)));
        sb.Append('\n');
        for (int r = 0; r < rows; r++)
        {
            sb.Append(r.ToString(CultureInfo.InvariantCulture)).Append(',').Append(predicted[r].ToString(CultureInfo.InvariantCulture))
              .Append(',').Append(Quote(Name(predicted[r])));
            for (int c = 0; c < classes; c++) sb.Append(',').Append(probabilities[r, c].ToString("G6", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
