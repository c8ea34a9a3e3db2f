namespace DeepSharp.Plotting;

/// <summary>One named line of a <see cref="LinePlot"/>: points (X[i], Y[i]); a NaN or infinite value
/// leaves a gap in the line.</summary>
/// <param name="Name">Shown in the legend.</param>
/// <param name="X">Horizontal values.</param>
/// <param name="Y">Vertical values, as many as <paramref name="X"/>.</param>
/// <param name="Color">Line colour; null picks the next categorical colour.</param>
/// <param name="ShowMarkers">Draw a marker on each point; null draws them when the series has at most 30 points.</param>
public sealed record PlotSeries(string Name, double[] X, double[] Y, Rgba? Color = null, bool? ShowMarkers = null)
{
    /// <summary>The name.</summary>
    public string Name { get; init; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>Horizontal values.</summary>
    public double[] X { get; init; } = X ?? throw new ArgumentNullException(nameof(X));

    /// <summary>Vertical values.</summary>
    public double[] Y { get; init; } = Y is null ? throw new ArgumentNullException(nameof(Y))
        : Y.Length == X.Length ? Y
        : throw new ArgumentException($"Series '{Name}' expected as many Y values as X values ({X.Length}), got {Y.Length}.", nameof(Y));
}
