using DeepSharp.Cli.Datasets;
using System.Globalization;
using DeepSharp.Data;

namespace DeepSharp.Cli.Setup;

/// <summary>The dataset options shared by train, evaluate, bench and plot, and how they load.</summary>
internal static class DatasetArguments
{
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("dataset", $"Dataset: {DatasetCatalog.Accepted}", ValueName: "NAME"),
        new("test-dataset", "A held-out test set for data without a test split (e.g. a second CSV)", ValueName: "NAME"),
        new("label-column", "Label column of csv: data, by header name or 0-based index (default: last)", ValueName: "COLUMN"),
        new("samples", "Training samples: generated for toy sets, the first N for files", ValueName: "N"),
        new("noise", "Noise of the toy sets (standard deviation)", ValueName: "X"),
    ];

    /// <summary>Loads --dataset (default <paramref name="fallback"/>) and --test-dataset.</summary>
    public static NamedDataset Load(ParsedArguments args, string fallback, ulong seed, bool flattenImages = true)
    {
        var options = CatalogOptions(args, seed, flattenImages);
        string spec = args.GetString("dataset", fallback)!;
        if (args.Has("label-column") && !IsCsv(spec) && !(args.GetString("test-dataset") is { } test && IsCsv(test)))
            throw new CliUsageException($"'--label-column' applies to csv:<file> datasets; dataset '{spec}' has no columns to choose from.");
        var data = DatasetCatalog.Load(spec, options);
        if (args.GetString("test-dataset") is { } testSpec)
            data = DatasetCatalog.WithTestSet(data, testSpec, options with { Samples = null });
        if (data.Classes < 2)
            throw new CliUsageException($"dataset '{data.Name}' has {data.Classes} class(es); classification needs at least 2.");
        return data;
    }

    private static bool IsCsv(string spec) => spec.Trim().StartsWith("csv:", StringComparison.OrdinalIgnoreCase);

    public static DatasetCatalogOptions CatalogOptions(ParsedArguments args, ulong seed, bool flattenImages)
    {
        CsvLabel? label = args.GetString("label-column") is { } column
            ? int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? CsvLabel.ByIndex(index) : CsvLabel.ByName(column)
            : null;
        int samples = args.GetInt("samples", 0, 2, 100_000_000);
        double noise = args.GetDouble("noise", -1, 0, 10);
        return new DatasetCatalogOptions
        {
            Seed = seed,
            Samples = samples == 0 ? null : samples,
            Noise = noise < 0 ? null : noise,
            LabelColumn = label,
            FlattenImages = flattenImages,
        };
    }
}
