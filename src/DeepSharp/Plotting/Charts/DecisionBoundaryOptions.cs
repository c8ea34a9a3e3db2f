namespace DeepSharp.Plotting;

/// <summary>Options of a <see cref="DecisionBoundaryPlot"/>. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record DecisionBoundaryOptions
{
    /// <summary>Title above the plot area; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Label under the horizontal axis (the first input feature).</summary>
    public string? XLabel { get; init; } = "x1";

    /// <summary>Label beside the vertical axis (the second input feature).</summary>
    public string? YLabel { get; init; } = "x2";

    /// <summary>Figure width in pixels, 150..8000.</summary>
    public int Width { get; init => field = OptionCheck.InRange(value, 150, 8000, nameof(Width)); } = 520;

    /// <summary>Figure height in pixels, 150..8000.</summary>
    public int Height { get; init => field = OptionCheck.InRange(value, 150, 8000, nameof(Height)); } = 500;

    /// <summary>Pixels per bitmap-font cell for all text, 1..4.</summary>
    public int TextScale { get; init => field = OptionCheck.InRange(value, 1, 4, nameof(TextScale)); } = 2;

    /// <summary>Space added on each side of the data, as a fraction of the data's extent, 0..2.</summary>
    public double Margin { get; init => field = OptionCheck.InRange(value, 0, 2, nameof(Margin)); } = 0.1;

    /// <summary>Pixels between the grid points at which the model is evaluated, 1..32; the
    /// probabilities are interpolated bilinearly in between. 1 evaluates every pixel.</summary>
    public int GridStep { get; init => field = OptionCheck.InRange(value, 1, 32, nameof(GridStep)); } = 2;

    /// <summary>At most this many points per call of the prediction callback, 1..10,000,000 (at least one grid row is passed per call).</summary>
    public int MaxBatch { get; init => field = OptionCheck.InRange(value, 1, 10_000_000, nameof(MaxBatch)); } = 16384;

    /// <summary>Diameter of the data-point markers in pixels, 1..40.</summary>
    public double PointSize { get; init => field = OptionCheck.InRange(value, 1, 40, nameof(PointSize)); } = 8;

    /// <summary>Give both axes the same scale, so circles look round (the shorter range is widened).</summary>
    public bool EqualAspect { get; init; } = true;

    /// <summary>Class names for a legend; no legend when null.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
