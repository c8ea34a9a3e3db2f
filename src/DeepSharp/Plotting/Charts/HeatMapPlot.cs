namespace DeepSharp.Plotting;

/// <summary>
/// A scalar field over a rectangle (e.g. a loss over two parameters) as a heat map with contour
/// lines, and paths (e.g. gradient-descent trajectories) and marked points drawn on top.
/// </summary>
/// <remarks>
/// <c>values[i, j]</c> is the field at x_j = xMin + j·(xMax − xMin)/(columns − 1) and
/// y_i = yMin + i·(yMax − yMin)/(rows − 1) (row 0 at the bottom); pixels in between are
/// interpolated bilinearly. Low values are light, high ones dark. Paths leaving the rectangle are
/// clipped at its edge.
/// </remarks>
public sealed class HeatMapPlot : Plot
{
    private readonly double[,] _values;
    private readonly double _low, _high;
    private readonly Axes _axes;
    private readonly Rgba[] _colors;
    private Canvas? _image;

    /// <summary>Lays out the plot.</summary>
    /// <param name="values">The field, (rows, columns), at least 2 × 2, finite.</param>
    /// <param name="xMin">x of column 0.</param>
    /// <param name="xMax">x of the last column.</param>
    /// <param name="yMin">y of row 0.</param>
    /// <param name="yMax">y of the last row.</param>
    /// <param name="paths">Lines drawn over the map (named ones go in the legend); none when null.</param>
    /// <param name="points">Points marked with a red diamond, e.g. the minimum; none when null.</param>
    /// <param name="options">Sizes and labels; defaults when null.</param>
    public HeatMapPlot(double[,] values, double xMin, double xMax, double yMin, double yMax,
        IEnumerable<PlotSeries>? paths = null, IEnumerable<(double X, double Y)>? points = null, HeatMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) < 2 || values.GetLength(1) < 2)
            throw new ArgumentException($"Expected at least a 2 x 2 grid of values, got {values.GetLength(0)} x {values.GetLength(1)}.", nameof(values));
        if (!(xMin < xMax) || !double.IsFinite(xMin) || !double.IsFinite(xMax))
            throw new ArgumentOutOfRangeException(nameof(xMax), $"Expected a finite x range with min < max, got [{xMin}, {xMax}].");
        if (!(yMin < yMax) || !double.IsFinite(yMin) || !double.IsFinite(yMax))
            throw new ArgumentOutOfRangeException(nameof(yMax), $"Expected a finite y range with min < max, got [{yMin}, {yMax}].");
        double low = double.MaxValue, high = double.MinValue;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) throw new ArgumentException("Expected finite values, found NaN or infinity.", nameof(values));
            low = Math.Min(low, v); high = Math.Max(high, v);
        }
        (_values, _low, _high) = ((double[,])values.Clone(), low, high);
        Options = options ?? new HeatMapOptions();
        Paths = (paths ?? []).ToArray();
        if (Paths.Any(p => p is null)) throw new ArgumentException("Expected paths, found a null entry.", nameof(paths));
        Points = (points ?? []).ToArray();
        int next = 0;
        _colors = Paths.Select(p => p.Color ?? PathColor(next++)).ToArray();
        XTicks = NiceTicks.Within(xMin, xMax, 7);
        YTicks = NiceTicks.Within(yMin, yMax, 7);
        _axes = Axes.Layout(Options.Width, Options.Height, XTicks, YTicks, Options.Title, Options.XLabel, Options.YLabel, Options.TextScale);
    }

    /// <summary>The options.</summary>
    public HeatMapOptions Options { get; }

    /// <summary>The paths drawn over the map.</summary>
    public IReadOnlyList<PlotSeries> Paths { get; }

    /// <summary>The marked points.</summary>
    public IReadOnlyList<(double X, double Y)> Points { get; }

    /// <summary>The horizontal axis.</summary>
    public TickSet XTicks { get; }

    /// <summary>The vertical axis.</summary>
    public TickSet YTicks { get; }

    /// <inheritdoc/>
    public override int Width => Options.Width;

    /// <inheritdoc/>
    public override int Height => Options.Height;

    /// <summary>Where (x, y) lands in the rendered figure, in pixels.</summary>
    public (double X, double Y) DataToPixel(double x, double y) => (_axes.MapX(x), _axes.MapY(y));

    /// <summary>The field at (x, y), interpolated bilinearly between grid points (clamped to the grid).</summary>
    public double ValueAt(double x, double y)
    {
        int rows = _values.GetLength(0), columns = _values.GetLength(1);
        double fx = Math.Clamp((x - XTicks.Min) / (XTicks.Max - XTicks.Min), 0, 1) * (columns - 1);
        double fy = Math.Clamp((y - YTicks.Min) / (YTicks.Max - YTicks.Min), 0, 1) * (rows - 1);
        int j = Math.Min((int)fx, columns - 2), i = Math.Min((int)fy, rows - 2);
        double tx = fx - j, ty = fy - i;
        return (1 - ty) * ((1 - tx) * _values[i, j] + tx * _values[i, j + 1]) + ty * ((1 - tx) * _values[i + 1, j] + tx * _values[i + 1, j + 1]);
    }

    /// <summary>Position of <paramref name="value"/> on the colour scale, 0 (lowest value) .. 1 (highest).</summary>
    public double ScaleOf(double value)
    {
        if (_high <= _low) return 0;
        if (!Options.LogScale) return Math.Clamp((value - _low) / (_high - _low), 0, 1);
        double eps = (_high - _low) * 1e-4;
        return Math.Clamp(Math.Log((value - _low + eps) / eps) / Math.Log((_high - _low + eps) / eps), 0, 1);
    }

    internal override void Draw(IPlotSurface s, double left, double top)
    {
        s.FillRect(left, top, Width, Height, Rgba.White);
        s.Image(EnsureImage(), left + _axes.Left, top + _axes.Top, 1);
        var entries = new List<Legend.Entry>();
        var drawn = new List<(double X, double Y)>();
        for (int p = 0; p < Paths.Count; p++)
        {
            foreach (var run in SeriesClipping.VisibleRuns(Paths[p], XTicks, YTicks))
            {
                var pixels = run.Select(q => (left + _axes.MapX(q.X), top + _axes.MapY(q.Y))).ToArray();
                s.Polyline(pixels, _colors[p], Options.LineWidth);
                drawn.AddRange(pixels.Select(q => (q.Item1 - left, q.Item2 - top)));
            }
            var series = Paths[p];
            if (series.ShowMarkers ?? series.X.Length <= 60)
                for (int k = 0; k < series.X.Length; k++)
                    if (SeriesClipping.Inside(series.X[k], series.Y[k], XTicks, YTicks))
                        s.Marker(left + _axes.MapX(series.X[k]), top + _axes.MapY(series.Y[k]), 2 * Options.LineWidth + 2, MarkerShape.Circle, _colors[p], null);
            if (!string.IsNullOrEmpty(series.Name)) entries.Add(new Legend.Entry(series.Name, _colors[p], null));
        }
        foreach (var (x, y) in Points)
            if (SeriesClipping.Inside(x, y, XTicks, YTicks))
            {
                var (px, py) = DataToPixel(x, y);
                s.Marker(left + px, top + py, 12, MarkerShape.Diamond, new Rgba(220, 20, 60), Rgba.White);
            }
        _axes.DrawFrame(s, left, top);
        if (entries.Count > 0)
        {
            var legend = new Legend(entries, Options.TextScale);
            var (lx, ly) = legend.Place(_axes, drawn);
            legend.Draw(s, left + lx, top + ly);
        }
    }

    // Path colours that stand out on the blue map: orange, red, green, purple, ...
    private static Rgba PathColor(int index) => Palette.Categorical(index switch { 0 => 1, 1 => 3, 2 => 2, _ => index + 1 });

    private Canvas EnsureImage()
    {
        if (_image is not null) return _image;
        int width = _axes.Width, height = _axes.Height;
        var scale = new double[width * height];
        for (int py = 0; py < height; py++)
        {
            double y = _axes.UnmapY(_axes.Top + py + 0.5);
            for (int px = 0; px < width; px++)
                scale[py * width + px] = ScaleOf(ValueAt(_axes.UnmapX(_axes.Left + px + 0.5), y));
        }
        var image = new Canvas(width, height);
        int levels = Options.ContourLevels;
        var line = new Rgba(20, 20, 40);
        for (int py = 0; py < height; py++)
            for (int px = 0; px < width; px++)
            {
                double t = scale[py * width + px];
                Rgba color = Palette.Sequential(0.02 + 0.7 * t);
                if (levels > 0)
                {
                    // A contour pixel: its level band differs from the right or lower neighbour's.
                    int band = Band(t);
                    bool edge = (px + 1 < width && Band(scale[py * width + px + 1]) != band)
                        || (py + 1 < height && Band(scale[(py + 1) * width + px]) != band);
                    if (edge) color = Rgba.Lerp(color, line, 0.55);
                }
                image.SetPixel(px, py, color);
            }
        return _image = image;

        int Band(double t) => Math.Min((int)(t * (levels + 1)), levels);
    }
}
