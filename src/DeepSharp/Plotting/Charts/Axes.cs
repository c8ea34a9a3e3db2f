namespace DeepSharp.Plotting;

/// <summary>
/// A pair of axes inside a figure: lays out the plot area around the title, axis labels and tick
/// labels, maps data to pixels, and draws grid, frame, ticks and text. Positions are relative to
/// the figure's top-left corner; the draw methods take the figure's offset on the surface.
/// </summary>
internal sealed class Axes
{
    public const int TickLength = 5;
    private const int Pad = 12, Gap = 6;

    private readonly string? _title, _xLabel, _yLabel;
    private readonly int _scale;

    private Axes(int left, int top, int width, int height, TickSet x, TickSet y,
        string? title, string? xLabel, string? yLabel, int scale)
    {
        (Left, Top, Width, Height, X, Y) = (left, top, width, height, x, y);
        (_title, _xLabel, _yLabel, _scale) = (title, xLabel, yLabel, scale);
    }

    /// <summary>Left edge of the plot area (its first pixel column).</summary>
    public int Left { get; }
    /// <summary>Top edge of the plot area.</summary>
    public int Top { get; }
    /// <summary>Width of the plot area in pixels.</summary>
    public int Width { get; }
    /// <summary>Height of the plot area in pixels.</summary>
    public int Height { get; }
    public TickSet X { get; }
    public TickSet Y { get; }

    /// <summary>Fits a plot area with its decorations into a figure of the given size.</summary>
    public static Axes Layout(int figureWidth, int figureHeight, TickSet x, TickSet y,
        string? title, string? xLabel, string? yLabel, int scale)
    {
        int textHeight = BitmapFont.CapHeight * scale;
        int yTickWidth = y.Labels.Select(l => BitmapFont.MeasureWidth(l) * scale).DefaultIfEmpty(0).Max();
        int lastXTick = x.Labels.Count > 0 ? BitmapFont.MeasureWidth(x.Labels[^1]) * scale : 0;
        int top = Pad + (string.IsNullOrEmpty(title) ? textHeight / 2 : textHeight + 2 * Gap);
        int left = Pad + (string.IsNullOrEmpty(yLabel) ? 0 : textHeight + 2 * Gap) + yTickWidth + Gap + TickLength;
        int bottom = Pad + (string.IsNullOrEmpty(xLabel) ? 0 : textHeight + 2 * Gap) + textHeight + Gap + TickLength;
        int right = Math.Max(Pad + Gap, lastXTick / 2 + Gap);
        int width = figureWidth - left - right, height = figureHeight - top - bottom;
        if (width < 20 || height < 20)
            throw new ArgumentOutOfRangeException("Width",
                $"Figure {figureWidth}x{figureHeight} leaves a {width}x{height} plot area after labels; make the figure larger or the text smaller.");
        return new Axes(left, top, width, height, x, y, title, xLabel, yLabel, scale);
    }

    /// <summary>Horizontal pixel (relative to the figure) of data value <paramref name="v"/>.</summary>
    public double MapX(double v) => Left + (v - X.Min) / (X.Max - X.Min) * Width;

    /// <summary>Vertical pixel (relative to the figure) of data value <paramref name="v"/>; up is larger.</summary>
    public double MapY(double v) => Top + Height - (v - Y.Min) / (Y.Max - Y.Min) * Height;

    /// <summary>Data x at horizontal pixel <paramref name="px"/> (inverse of <see cref="MapX"/>).</summary>
    public double UnmapX(double px) => X.Min + (px - Left) / Width * (X.Max - X.Min);

    /// <summary>Data y at vertical pixel <paramref name="py"/> (inverse of <see cref="MapY"/>).</summary>
    public double UnmapY(double py) => Y.Min + (Top + Height - py) / Height * (Y.Max - Y.Min);

    /// <summary>Light grid lines at the ticks.</summary>
    public void DrawGrid(IPlotSurface s, double ox, double oy)
    {
        foreach (double v in X.Values)
        {
            double px = Snap(ox + MapX(v));
            s.Line(px, oy + Top, px, oy + Top + Height, Palette.Grid, 1);
        }
        foreach (double v in Y.Values)
        {
            double py = Snap(oy + MapY(v));
            s.Line(ox + Left, py, ox + Left + Width, py, Palette.Grid, 1);
        }
    }

    /// <summary>The frame around the plot area, ticks, tick labels, axis labels and title.</summary>
    public void DrawFrame(IPlotSurface s, double ox, double oy)
    {
        Rgba ink = Palette.Ink;
        double l = ox + Left - 0.5, t = oy + Top - 0.5, r = ox + Left + Width + 0.5, b = oy + Top + Height + 0.5;
        s.Line(l, t, r, t, ink, 1);
        s.Line(l, b, r, b, ink, 1);
        s.Line(l, t, l, b, ink, 1);
        s.Line(r, t, r, b, ink, 1);
        for (int i = 0; i < X.Values.Count; i++)
        {
            double px = Snap(ox + MapX(X.Values[i]));
            s.Line(px, b, px, b + TickLength, ink, 1);
            s.Text(px, b + TickLength + Gap, X.Format(X.Values[i]), ink, _scale, TextAlign.Center, TextBaseline.Top);
        }
        for (int i = 0; i < Y.Values.Count; i++)
        {
            double py = Snap(oy + MapY(Y.Values[i]));
            s.Line(l - TickLength, py, l, py, ink, 1);
            s.Text(l - TickLength - Gap, py, Y.Format(Y.Values[i]), ink, _scale, TextAlign.Right, TextBaseline.Middle);
        }
        int textHeight = BitmapFont.CapHeight * _scale;
        if (!string.IsNullOrEmpty(_xLabel))
            s.Text(ox + Left + Width / 2.0, b + TickLength + 3 * Gap + textHeight, _xLabel, ink, _scale, TextAlign.Center, TextBaseline.Top);
        if (!string.IsNullOrEmpty(_yLabel))
            s.Text(ox + Pad, oy + Top + Height / 2.0, _yLabel, ink, _scale, TextAlign.Left, TextBaseline.Middle, vertical: true);
        if (!string.IsNullOrEmpty(_title))
            s.Text(ox + Left + Width / 2.0, oy + Top - 2 * Gap, _title, ink, _scale, TextAlign.Center, TextBaseline.Bottom, bold: true);
    }

    // Centre of the pixel a coordinate falls in, so 1-pixel lines stay crisp.
    private static double Snap(double v) => Math.Floor(v) + 0.5;
}
