namespace DeepSharp.Plotting;

/// <summary>Options of a <see cref="HeatMapPlot"/>. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record HeatMapOptions
{
    /// <summary>Title above the plot area; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Label under the horizontal axis.</summary>
    public string? XLabel { get; init; }

    /// <summary>Label beside the vertical axis.</summary>
    public string? YLabel { get; init; }

    /// <summary>Figure width in pixels, 200..8000.</summary>
    public int Width { get; init => field = OptionCheck.InRange(value, 200, 8000, nameof(Width)); } = 560;

    /// <summary>Figure height in pixels, 150..8000.</summary>
    public int Height { get; init => field = OptionCheck.InRange(value, 150, 8000, nameof(Height)); } = 520;

    /// <summary>Pixels per bitmap-font cell for all text, 1..4.</summary>
    public int TextScale { get; init => field = OptionCheck.InRange(value, 1, 4, nameof(TextScale)); } = 2;

    /// <summary>Colour by log(value − min + ε) instead of the value (for losses spanning decades).</summary>
    public bool LogScale { get; init; } = true;

    /// <summary>Number of contour lines drawn at equal steps of the colour scale, 0..100 (0: none).</summary>
    public int ContourLevels { get; init => field = OptionCheck.InRange(value, 0, 100, nameof(ContourLevels)); } = 14;

    /// <summary>Width of the path lines in pixels, 0.5..20.</summary>
    public double LineWidth { get; init => field = OptionCheck.InRange(value, 0.5, 20, nameof(LineWidth)); } = 2;
}
