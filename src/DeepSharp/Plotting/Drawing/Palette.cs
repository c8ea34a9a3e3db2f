namespace DeepSharp.Plotting;

/// <summary>Colours for plots: a categorical palette for classes and series, and a sequential
/// colour map for heat maps.</summary>
public static class Palette
{
    // Twelve hues chosen to stay distinct from one another and on white: the first ten follow
    // the widely used "category10" order of hues, then two extra.
    private static readonly Rgba[] CategoricalColors =
    [
        Rgba.FromHex("#1f77b4"), // blue
        Rgba.FromHex("#ff7f0e"), // orange
        Rgba.FromHex("#2ca02c"), // green
        Rgba.FromHex("#d62728"), // red
        Rgba.FromHex("#9467bd"), // purple
        Rgba.FromHex("#8c564b"), // brown
        Rgba.FromHex("#e377c2"), // pink
        Rgba.FromHex("#7f7f7f"), // gray
        Rgba.FromHex("#bcbd22"), // olive
        Rgba.FromHex("#17becf"), // cyan
        Rgba.FromHex("#393b79"), // navy
        Rgba.FromHex("#66c2a5"), // mint
    ];

    // Stops of a light-to-dark blue ramp for counts (white is "zero").
    private static readonly Rgba[] BlueStops =
    [
        Rgba.FromHex("#f7fbff"), Rgba.FromHex("#c6dbef"), Rgba.FromHex("#6baed6"),
        Rgba.FromHex("#2171b5"), Rgba.FromHex("#08306b"),
    ];

    /// <summary>Number of distinct categorical colours before <see cref="Categorical"/> repeats.</summary>
    public static int CategoricalCount => CategoricalColors.Length;

    /// <summary>The <paramref name="index"/>-th categorical colour (wraps around after <see cref="CategoricalCount"/>).</summary>
    public static Rgba Categorical(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return CategoricalColors[index % CategoricalColors.Length];
    }

    /// <summary>A colour from the sequential blue map: <paramref name="t"/> = 0 is near white, 1 is dark blue.</summary>
    public static Rgba Sequential(double t)
    {
        if (double.IsNaN(t)) t = 0;
        t = Math.Clamp(t, 0, 1) * (BlueStops.Length - 1);
        int i = Math.Min((int)t, BlueStops.Length - 2);
        return Rgba.Lerp(BlueStops[i], BlueStops[i + 1], t - i);
    }

    /// <summary>Dark gray used for axes, text and outlines.</summary>
    public static Rgba Ink => new(40, 40, 40);

    /// <summary>Red for marking mistakes, e.g. captions of misclassified images.</summary>
    public static Rgba Wrong => new(200, 24, 24);

    /// <summary>Light gray used for grid lines.</summary>
    public static Rgba Grid => new(225, 225, 225);
}
