namespace DeepSharp.Plotting;

/// <summary>Options of a <see cref="ScatterPlot"/>. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record ScatterPlotOptions
{
    /// <summary>Title above the plot area; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Label under the horizontal axis.</summary>
    public string? XLabel { get; init; }

    /// <summary>Label beside the vertical axis.</summary>
    public string? YLabel { get; init; }

    /// <summary>Figure width in pixels, 200..8000.</summary>
    public int Width { get; init => field = OptionCheck.InRange(value, 200, 8000, nameof(Width)); } = 640;

    /// <summary>Figure height in pixels, 150..8000.</summary>
    public int Height { get; init => field = OptionCheck.InRange(value, 150, 8000, nameof(Height)); } = 560;

    /// <summary>Pixels per bitmap-font cell for all text, 1..4.</summary>
    public int TextScale { get; init => field = OptionCheck.InRange(value, 1, 4, nameof(TextScale)); } = 2;

    /// <summary>Diameter of the markers in pixels, 1..40.</summary>
    public double PointSize { get; init => field = OptionCheck.InRange(value, 1, 40, nameof(PointSize)); } = 4;

    /// <summary>Class names for a legend, by label; no legend when null.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
