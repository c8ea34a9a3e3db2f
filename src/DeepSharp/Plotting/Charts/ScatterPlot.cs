namespace DeepSharp.Plotting;

/// <summary>
/// Points coloured by class (e.g. a 2-D latent space coloured by the true label), on nice axes
/// around the data, with an optional legend of class names.
/// </summary>
public sealed class ScatterPlot : Plot
{
    private readonly double[] _x, _y;
    private readonly int[] _labels;
    private readonly Axes _axes;

    /// <summary>Lays out a scatter plot of (x[i], y[i]) in the colour of labels[i].</summary>
    /// <exception cref="ArgumentException">The arrays differ in length, are empty, hold a non-finite coordinate or a negative label.</exception>
    public ScatterPlot(double[] x, double[] y, int[] labels, ScatterPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(labels);
        if (x.Length != y.Length || x.Length != labels.Length)
            throw new ArgumentException($"Expected as many y values and labels as x values ({x.Length}), got {y.Length} and {labels.Length}.", nameof(y));
        if (x.Length == 0) throw new ArgumentException("Expected at least one point, got none.", nameof(x));
        if (x.Any(v => !double.IsFinite(v)) || y.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Expected finite coordinates, found NaN or infinity.", nameof(x));
        if (labels.Any(l => l < 0)) throw new ArgumentException($"Expected labels >= 0, found {labels.Min()}.", nameof(labels));
        (_x, _y, _labels) = ((double[])x.Clone(), (double[])y.Clone(), (int[])labels.Clone());
        Options = options ?? new ScatterPlotOptions();
        XTicks = NiceTicks.Loose(_x.Min(), _x.Max() + (_x.Max() == _x.Min() ? 1 : 0), 6);
        YTicks = NiceTicks.Loose(_y.Min(), _y.Max() + (_y.Max() == _y.Min() ? 1 : 0), 6);
        _axes = Axes.Layout(Options.Width, Options.Height, XTicks, YTicks, Options.Title, Options.XLabel, Options.YLabel, Options.TextScale);
    }

    /// <summary>The options.</summary>
    public ScatterPlotOptions Options { get; }

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

    internal override void Draw(IPlotSurface s, double left, double top)
    {
        s.FillRect(left, top, Width, Height, Rgba.White);
        _axes.DrawGrid(s, left, top);
        for (int i = 0; i < _x.Length; i++)
        {
            var (px, py) = DataToPixel(_x[i], _y[i]);
            s.Marker(left + px, top + py, Options.PointSize, MarkerShape.Circle, Palette.Categorical(_labels[i]), null);
        }
        _axes.DrawFrame(s, left, top);
        if (Options.ClassNames is { Count: > 0 } names)
        {
            var legend = new Legend(names.Select((n, k) => new Legend.Entry(n, Palette.Categorical(k), MarkerShape.Circle)).ToArray(), Options.TextScale);
            var (lx, ly) = legend.Place(_axes, Enumerable.Range(0, _x.Length).Select(i => DataToPixel(_x[i], _y[i])));
            legend.Draw(s, left + lx, top + ly);
        }
    }
}
