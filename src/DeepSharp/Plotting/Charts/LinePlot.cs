namespace DeepSharp.Plotting;

/// <summary>
/// Lines against a shared pair of axes: nice ticks, tick labels, axis labels, title, a legend
/// placed in the emptiest corner, and a distinct colour per series.
/// </summary>
public sealed class LinePlot : Plot
{
    private readonly Axes _axes;
    private readonly Rgba[] _colors;

    /// <summary>Lays out a plot of <paramref name="series"/>.</summary>
    public LinePlot(IEnumerable<PlotSeries> series, LinePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        Series = series.ToArray();
        foreach (PlotSeries s in Series)
        {
            // Checked again here: a `with` expression can pair arrays the record's constructor never saw.
            if (s is null) throw new ArgumentException("Expected series, found a null entry.", nameof(series));
            if (s.X.Length != s.Y.Length)
                throw new ArgumentException($"Series '{s.Name}' expected as many Y values as X values ({s.X.Length}), got {s.Y.Length}.", nameof(series));
        }
        Options = options ?? new LinePlotOptions();
        int next = 0;
        _colors = Series.Select(s => s.Color ?? Palette.Categorical(next++)).ToArray();
        XTicks = Ticks(Series.SelectMany(s => s.X), Options.XMin, Options.XMax, Options.IntegerX ? 1 : 0, Options.MaxTicks, "X");
        YTicks = Ticks(Series.SelectMany(s => s.Y), Options.YMin, Options.YMax, 0, Options.MaxTicks, "Y");
        _axes = Axes.Layout(Options.Width, Options.Height, XTicks, YTicks, Options.Title, Options.XLabel, Options.YLabel, Options.TextScale);
    }

    /// <summary>The series, in drawing order.</summary>
    public IReadOnlyList<PlotSeries> Series { get; }

    /// <summary>The options.</summary>
    public LinePlotOptions Options { get; }

    /// <summary>The horizontal axis: its range and ticks.</summary>
    public TickSet XTicks { get; }

    /// <summary>The vertical axis: its range and ticks.</summary>
    public TickSet YTicks { get; }

    /// <inheritdoc/>
    public override int Width => Options.Width;

    /// <inheritdoc/>
    public override int Height => Options.Height;

    /// <summary>Where data point (<paramref name="x"/>, <paramref name="y"/>) lands in the rendered figure, in pixels.</summary>
    public (double X, double Y) DataToPixel(double x, double y) => (_axes.MapX(x), _axes.MapY(y));

    internal override void Draw(IPlotSurface s, double left, double top)
    {
        s.FillRect(left, top, Width, Height, Rgba.White);
        if (Options.ShowGrid) _axes.DrawGrid(s, left, top);
        var legendEntries = new List<Legend.Entry>();
        var drawnPixels = new List<(double X, double Y)>();
        for (int i = 0; i < Series.Count; i++)
        {
            PlotSeries series = Series[i];
            foreach (var run in SeriesClipping.VisibleRuns(series, XTicks, YTicks))
            {
                var pixels = run.Select(p => (left + _axes.MapX(p.X), top + _axes.MapY(p.Y))).ToArray();
                s.Polyline(pixels, _colors[i], Options.LineWidth);
                drawnPixels.AddRange(Densify(pixels).Select(p => (p.X - left, p.Y - top)));
            }
            bool markers = series.ShowMarkers ?? series.X.Length <= 30;
            if (markers)
                for (int k = 0; k < series.X.Length; k++)
                    if (Inside(series.X[k], series.Y[k]))
                        s.Marker(left + _axes.MapX(series.X[k]), top + _axes.MapY(series.Y[k]), 2.2 * Options.LineWidth + 2,
                            MarkerShape.Circle, _colors[i], null);
            if (!string.IsNullOrEmpty(series.Name))
                legendEntries.Add(new Legend.Entry(series.Name, _colors[i], markers ? MarkerShape.Circle : null, LineAndMarker: markers));
        }
        _axes.DrawFrame(s, left, top);
        if (Options.ShowLegend && legendEntries.Count > 0)
        {
            var legend = new Legend(legendEntries, Options.TextScale);
            var (lx, ly) = legend.Place(_axes, drawnPixels);
            legend.Draw(s, left + lx, top + ly);
        }
    }

    private bool Inside(double x, double y) => SeriesClipping.Inside(x, y, XTicks, YTicks);

    // Points every few pixels along a polyline, so legend placement sees lines and not just vertices.
    private static IEnumerable<(double X, double Y)> Densify(IReadOnlyList<(double X, double Y)> pixels)
    {
        for (int i = 0; i < pixels.Count; i++)
        {
            yield return pixels[i];
            if (i + 1 == pixels.Count) break;
            double length = Math.Sqrt(Math.Pow(pixels[i + 1].X - pixels[i].X, 2) + Math.Pow(pixels[i + 1].Y - pixels[i].Y, 2));
            int steps = (int)(length / 4);
            for (int k = 1; k < steps; k++)
            {
                double t = (double)k / steps;
                yield return (pixels[i].X + t * (pixels[i + 1].X - pixels[i].X), pixels[i].Y + t * (pixels[i + 1].Y - pixels[i].Y));
            }
        }
    }

    private static TickSet Ticks(IEnumerable<double> values, double? fixedMin, double? fixedMax, double minStep, int maxTicks, string axis)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in values)
            if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (lo > hi) (lo, hi) = (0, 1);
        if (fixedMin is { } fmin && fixedMax is { } fmax)
        {
            if (!(fmin < fmax))
                throw new ArgumentOutOfRangeException(axis + "Min", $"{axis}Min must be below {axis}Max, got {fmin} and {fmax}.");
            return NiceTicks.Within(fmin, fmax, maxTicks, minStep);
        }
        if (fixedMin is { } min) { lo = min; hi = Math.Max(hi, min); }
        if (fixedMax is { } max) { hi = max; lo = Math.Min(lo, max); }
        TickSet loose = NiceTicks.Loose(lo, hi, maxTicks, minStep);
        // A fixed end stays where it was asked to be.
        return fixedMin is null && fixedMax is null ? loose
            : NiceTicks.Within(fixedMin ?? loose.Min, fixedMax ?? loose.Max, maxTicks, minStep);
    }
}
