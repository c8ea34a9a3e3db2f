using DeepSharp.Cli.Datasets;
using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Datasets;

/// <summary>Options of <see cref="DatasetCatalog.Load"/>. Invalid values throw
/// <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
internal sealed record DatasetCatalogOptions
{
    /// <summary>Seed of the toy-data generators (the test set uses a generator forked from it).</summary>
    public ulong Seed { get; init; }

    /// <summary>Training samples: for toy sets the number generated (the test set gets half as many),
    /// for files the first ones kept (and at most as many test samples); null for the defaults.</summary>
    public int? Samples
    {
        get;
        init => field = value is null or >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Samples), value, "Samples must be at least 2.");
    }

    /// <summary>Noise of the toy generators (standard deviation per coordinate); null for each set's default.</summary>
    public double? Noise
    {
        get;
        init => field = value is null || (value >= 0 && double.IsFinite(value.Value)) ? value
            : throw new ArgumentOutOfRangeException(nameof(Noise), value, "Noise must be finite and non-negative.");
    }

    /// <summary>Number of clouds of the <c>gaussians</c> set (2..10; default 3).</summary>
    public int GaussianClasses
    {
        get;
        init => field = value is >= 2 and <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(GaussianClasses), value, "GaussianClasses must be between 2 and 10.");
    } = 3;

    /// <summary>The label column of <c>csv:</c> files (default: the last column).</summary>
    public CsvLabel? LabelColumn { get; init; }

    /// <summary>Images as (N, Rows·Cols) rows when true (for dense models), as (N, 1, Rows, Cols) when false (for convolutions).</summary>
    public bool FlattenImages { get; init; } = true;

    internal RandomGenerator TrainGenerator() => new(Seed);

    internal RandomGenerator TestGenerator() => new(Seed ^ 0x9E3779B97F4A7C15UL);
}
