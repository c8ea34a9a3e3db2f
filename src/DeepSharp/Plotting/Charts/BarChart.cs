using System.Globalization;

namespace DeepSharp.Plotting;

/// <summary>
/// Vertical bars for values 1..K (e.g. the K scores of a classifier and their softmax
/// probabilities), rising from zero, with the value written over each bar.
/// </summary>
public sealed class BarChart : Plot
{
    private const double BarFraction = 0.7;
    private readonly Axes _axes;
    private readonly Rgba _color;

    /// <summary>Lays out a bar for each of <paramref name="values"/> (bar k at x = k + 1).</summary>
    /// <exception cref="ArgumentException">No values, more than 1000, or a non-finite one.</exception>
    public BarChart(IReadOnlyList<double> values, BarChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count is 0 or > 1000) throw new ArgumentException($"Expected 1 to 1000 bars, got {values.Count}.", nameof(values));
        if (values.Any(v => !double.IsFinite(v))) throw new ArgumentException("Expected finite bar values, found NaN or infinity.", nameof(values));
        Values = values.ToArray();
        Options = options ?? new BarChartOptions();
        _color = Options.Color ?? Palette.Categorical(0);
        double lo = Math.Min(0, Values.Min()), hi = Math.Max(0, Values.Max());
        if (hi - lo < 1e-12) hi = lo + 1;
        // Room above (and below) the bars for the value labels.
        double pad = Options.ValueDecimals is null ? 0 : 0.12 * (hi - lo);
        lo = Options.YMin ?? (lo < 0 ? lo - pad : lo);
        hi = Options.YMax ?? hi + pad;
        if (!(lo < hi)) throw new ArgumentOutOfRangeException(nameof(options), $"YMin must be below YMax, got {lo} and {hi}.");
        XTicks = NiceTicks.Within(0.5, Values.Count + 0.5, Math.Min(Values.Count, 12), 1);
        YTicks = Options.YMin is null && Options.YMax is null ? NiceTicks.Loose(lo, hi, 6) : NiceTicks.Within(lo, hi, 6);
        _axes = Axes.Layout(Options.Width, Options.Height, XTicks, YTicks, Options.Title, Options.XLabel, Options.YLabel, Options.TextScale);
    }

    /// <summary>The bar heights.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The options.</summary>
    public BarChartOptions Options { get; }

    /// <summary>The horizontal axis (bars at 1..K).</summary>
    public TickSet XTicks { get; }

    /// <summary>The value axis.</summary>
    public TickSet YTicks { get; }

    /// <inheritdoc/>
    public override int Width => Options.Width;

    /// <inheritdoc/>
    public override int Height => Options.Height;

    /// <summary>The pixel rectangle (left, top, width, height) of bar <paramref name="index"/> in the rendered figure, clipped to the axes.</summary>
    public (double Left, double Top, double Width, double Height) BarRectangle(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Values.Count);
        double x0 = _axes.MapX(index + 1 - BarFraction / 2), x1 = _axes.MapX(index + 1 + BarFraction / 2);
        double v = Math.Clamp(Values[index], YTicks.Min, YTicks.Max), zero = Math.Clamp(0, YTicks.Min, YTicks.Max);
        double y0 = _axes.MapY(Math.Max(v, zero)), y1 = _axes.MapY(Math.Min(v, zero));
        return (x0, y0, x1 - x0, y1 - y0);
    }

    internal override void Draw(IPlotSurface s, double left, double top)
    {
        s.FillRect(left, top, Width, Height, Rgba.White);
        _axes.DrawGrid(s, left, top);
        for (int k = 0; k < Values.Count; k++)
        {
            var (x, y, w, h) = BarRectangle(k);
            s.FillRect(left + x, top + y, w, Math.Max(h, 1), _color);
            if (Options.ValueDecimals is { } decimals)
            {
                string label = Values[k].ToString("F" + decimals, CultureInfo.InvariantCulture);
                bool negative = Values[k] < 0;
                s.Text(left + x + w / 2, top + (negative ? y + h + 4 : y - 4), label, Palette.Ink, Options.TextScale, TextAlign.Center,
                    negative ? TextBaseline.Top : TextBaseline.Bottom);
            }
        }
        _axes.DrawFrame(s, left, top);
    }
}
