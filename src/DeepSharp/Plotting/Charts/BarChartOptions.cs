namespace DeepSharp.Plotting;

/// <summary>Options of a <see cref="BarChart"/>. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record BarChartOptions
{
    /// <summary>Title above the plot area; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Label under the horizontal axis.</summary>
    public string? XLabel { get; init; }

    /// <summary>Label beside the vertical axis.</summary>
    public string? YLabel { get; init; }

    /// <summary>Figure width in pixels, 150..8000.</summary>
    public int Width { get; init => field = OptionCheck.InRange(value, 150, 8000, nameof(Width)); } = 420;

    /// <summary>Figure height in pixels, 150..8000.</summary>
    public int Height { get; init => field = OptionCheck.InRange(value, 150, 8000, nameof(Height)); } = 340;

    /// <summary>Pixels per bitmap-font cell for all text, 1..4.</summary>
    public int TextScale { get; init => field = OptionCheck.InRange(value, 1, 4, nameof(TextScale)); } = 2;

    /// <summary>Fixed lower end of the value axis; from the data (and 0) when null.</summary>
    public double? YMin { get; init => field = OptionCheck.Finite(value, nameof(YMin)); }

    /// <summary>Fixed upper end of the value axis; from the data (and 0) when null.</summary>
    public double? YMax { get; init => field = OptionCheck.Finite(value, nameof(YMax)); }

    /// <summary>Bar colour; the first categorical colour when null.</summary>
    public Rgba? Color { get; init; }

    /// <summary>Write each bar's value over it, with this many decimals (0..6); none when null.</summary>
    public int? ValueDecimals { get; init => field = value is null ? null : OptionCheck.InRange(value.Value, 0, 6, nameof(ValueDecimals)); } = 2;
}
