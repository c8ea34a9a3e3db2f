namespace DeepSharp.Plotting;

/// <summary>Options of a <see cref="LinePlot"/>. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record LinePlotOptions
{
    /// <summary>Title above the plot area; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Label under the horizontal axis.</summary>
    public string? XLabel { get; init; }

    /// <summary>Label beside the vertical axis (drawn turned).</summary>
    public string? YLabel { get; init; }

    /// <summary>Figure width in pixels, 200..8000.</summary>
    public int Width { get; init => field = OptionCheck.InRange(value, 200, 8000, nameof(Width)); } = 640;

    /// <summary>Figure height in pixels, 150..8000.</summary>
    public int Height { get; init => field = OptionCheck.InRange(value, 150, 8000, nameof(Height)); } = 480;

    /// <summary>Fixed lower end of the x axis; from the data when null.</summary>
    public double? XMin { get; init => field = OptionCheck.Finite(value, nameof(XMin)); }

    /// <summary>Fixed upper end of the x axis; from the data when null.</summary>
    public double? XMax { get; init => field = OptionCheck.Finite(value, nameof(XMax)); }

    /// <summary>Fixed lower end of the y axis; from the data when null.</summary>
    public double? YMin { get; init => field = OptionCheck.Finite(value, nameof(YMin)); }

    /// <summary>Fixed upper end of the y axis; from the data when null.</summary>
    public double? YMax { get; init => field = OptionCheck.Finite(value, nameof(YMax)); }

    /// <summary>Pixels per bitmap-font cell for all text, 1..4.</summary>
    public int TextScale { get; init => field = OptionCheck.InRange(value, 1, 4, nameof(TextScale)); } = 2;

    /// <summary>Line width in pixels, 0.5..20.</summary>
    public double LineWidth { get; init => field = OptionCheck.InRange(value, 0.5, 20, nameof(LineWidth)); } = 2.5;

    /// <summary>About how many ticks per axis, 2..20.</summary>
    public int MaxTicks { get; init => field = OptionCheck.InRange(value, 2, 20, nameof(MaxTicks)); } = 6;

    /// <summary>Keep x ticks on whole numbers (for epochs).</summary>
    public bool IntegerX { get; init; }

    /// <summary>Draw light grid lines at the ticks.</summary>
    public bool ShowGrid { get; init; } = true;

    /// <summary>Draw a legend (only when there is a named series).</summary>
    public bool ShowLegend { get; init; } = true;
}
