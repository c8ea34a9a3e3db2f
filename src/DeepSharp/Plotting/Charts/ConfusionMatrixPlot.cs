using System.Globalization;

namespace DeepSharp.Plotting;

/// <summary>
/// A confusion matrix as a heat map: rows are true classes, columns predicted classes, each cell
/// shaded by its count (by default as a share of its row) with the count written in it, class
/// labels on both axes and a colour bar.
/// </summary>
public sealed class ConfusionMatrixPlot : Plot
{
    private const int Pad = 12, Gap = 8, BarWidth = 16;
    private readonly int[,] _matrix;
    private readonly string[] _names;
    private readonly int _gridLeft, _gridTop, _barLeft, _width, _height;
    private readonly bool _verticalColumnLabels;

    /// <summary>Lays out the plot of a square matrix of counts, <c>matrix[true, predicted]</c>.</summary>
    /// <param name="matrix">Non-negative counts, (C, C).</param>
    /// <param name="classNames">C names, or null for "0", "1", ...</param>
    /// <param name="options">Sizes and labels; defaults when null.</param>
    public ConfusionMatrixPlot(int[,] matrix, IReadOnlyList<string>? classNames = null, ConfusionMatrixOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0);
        if (n == 0 || matrix.GetLength(1) != n)
            throw new ArgumentException($"Expected a non-empty square matrix (C, C), got ({n}, {matrix.GetLength(1)}).", nameof(matrix));
        foreach (int v in matrix)
            if (v < 0) throw new ArgumentException($"Expected non-negative counts, found {v}.", nameof(matrix));
        if (classNames is not null && classNames.Count != n)
            throw new ArgumentException($"Expected {n} class names, got {classNames.Count}.", nameof(classNames));
        _matrix = (int[,])matrix.Clone();
        _names = Enumerable.Range(0, n).Select(i => classNames?[i] ?? i.ToString(CultureInfo.InvariantCulture)).ToArray();
        Options = options ?? new ConfusionMatrixOptions();

        int ts = Options.TextScale, th = BitmapFont.CapHeight * ts, cell = Options.CellSize;
        int labelWidth = _names.Max(BitmapFont.MeasureWidth) * ts;
        _verticalColumnLabels = labelWidth > cell - 4;
        int columnLabelExtent = _verticalColumnLabels ? labelWidth : th;
        int titleBand = string.IsNullOrEmpty(Options.Title) ? 0 : th + 2 * Gap;
        int yLabelBand = string.IsNullOrEmpty(Options.YLabel) ? 0 : th + 2 * Gap;
        int xLabelBand = string.IsNullOrEmpty(Options.XLabel) ? 0 : th + 2 * Gap;
        _gridLeft = Pad + yLabelBand + labelWidth + Gap;
        _gridTop = Pad + titleBand;
        _barLeft = _gridLeft + n * cell + 2 * Gap;
        int barLabelWidth = BarLabels().Max(l => BitmapFont.MeasureWidth(l.Text)) * ts;
        int titleWidth = string.IsNullOrEmpty(Options.Title) ? 0 : BitmapFont.MeasureWidth(Options.Title) * ts + 2;
        _width = Math.Max(_barLeft + BarWidth + Gap + 2 + barLabelWidth + Pad, titleWidth + 2 * Pad);
        _height = _gridTop + n * cell + Gap + columnLabelExtent + xLabelBand + Pad;
    }

    /// <summary>The options.</summary>
    public ConfusionMatrixOptions Options { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => _names.Length;

    /// <inheritdoc/>
    public override int Width => _width;

    /// <inheritdoc/>
    public override int Height => _height;

    /// <summary>Top-left pixel of the cell for (<paramref name="trueClass"/>, <paramref name="predictedClass"/>) in the rendered figure.</summary>
    public (int X, int Y) CellOrigin(int trueClass, int predictedClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trueClass);
        ArgumentOutOfRangeException.ThrowIfNegative(predictedClass);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(trueClass, ClassCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predictedClass, ClassCount);
        return (_gridLeft + predictedClass * Options.CellSize, _gridTop + trueClass * Options.CellSize);
    }

    /// <summary>The shade of a cell: its count as a share of its row (or of the largest count), in [0, 1].</summary>
    public double Intensity(int trueClass, int predictedClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trueClass);
        ArgumentOutOfRangeException.ThrowIfNegative(predictedClass);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(trueClass, ClassCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predictedClass, ClassCount);
        double denominator = 0;
        if (Options.ShadeByRow)
            for (int j = 0; j < ClassCount; j++) denominator += _matrix[trueClass, j];
        else
            foreach (int v in _matrix) denominator = Math.Max(denominator, v);
        return denominator == 0 ? 0 : _matrix[trueClass, predictedClass] / denominator;
    }

    internal override void Draw(IPlotSurface s, double left, double top)
    {
        int n = ClassCount, cell = Options.CellSize, ts = Options.TextScale;
        Rgba ink = Palette.Ink;
        s.FillRect(left, top, Width, Height, Rgba.White);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                var (x, y) = CellOrigin(r, c);
                Rgba shade = Palette.Sequential(Intensity(r, c));
                s.FillRect(left + x, top + y, cell, cell, shade);
                string count = _matrix[r, c].ToString(CultureInfo.InvariantCulture);
                int scale = CountScale(count);
                if (scale > 0)
                    s.Text(left + x + cell / 2.0, top + y + cell / 2.0, count, shade.Luminance < 0.5 ? Rgba.White : ink,
                        scale, TextAlign.Center, TextBaseline.Middle);
            }
        s.StrokeRect(left + _gridLeft - 1, top + _gridTop - 1, n * cell + 2, n * cell + 2, ink, 1);

        int gridBottom = _gridTop + n * cell;
        for (int i = 0; i < n; i++)
        {
            double middle = i * cell + cell / 2.0;
            s.Text(left + _gridLeft - Gap, top + _gridTop + middle, _names[i], ink, ts, TextAlign.Right, TextBaseline.Middle);
            s.Text(left + _gridLeft + middle, top + gridBottom + Gap, _names[i], ink, ts, TextAlign.Center, TextBaseline.Top,
                vertical: _verticalColumnLabels);
        }
        if (!string.IsNullOrEmpty(Options.Title))
        {
            // Centred over the grid, unless that would push it off the figure.
            double half = (BitmapFont.MeasureWidth(Options.Title) * ts + 2) / 2.0;
            double centre = Math.Clamp(_gridLeft + n * cell / 2.0, Pad + half, Width - Pad - half);
            s.Text(left + centre, top + _gridTop - Gap - 2, Options.Title, ink, ts, TextAlign.Center, TextBaseline.Bottom, bold: true);
        }
        if (!string.IsNullOrEmpty(Options.YLabel))
            s.Text(left + Pad, top + _gridTop + n * cell / 2.0, Options.YLabel, ink, ts, TextAlign.Left, TextBaseline.Middle, vertical: true);
        if (!string.IsNullOrEmpty(Options.XLabel))
            s.Text(left + _gridLeft + n * cell / 2.0, top + Height - Pad, Options.XLabel, ink, ts, TextAlign.Center, TextBaseline.Bottom);
        DrawColorBar(s, left, top, n * cell);
    }

    private void DrawColorBar(IPlotSurface s, double left, double top, int height)
    {
        var bar = new Canvas(BarWidth, height);
        for (int y = 0; y < height; y++)
        {
            Rgba c = Palette.Sequential(1 - (y + 0.5) / height);
            for (int x = 0; x < BarWidth; x++) bar.SetPixel(x, y, c);
        }
        s.Image(bar, left + _barLeft, top + _gridTop, 1);
        s.StrokeRect(left + _barLeft - 1, top + _gridTop - 1, BarWidth + 2, height + 2, Palette.Ink, 1);
        foreach (var (t, text) in BarLabels())
        {
            double y = Math.Floor(top + _gridTop + (1 - t) * (height - 1)) + 0.5;
            s.Line(left + _barLeft + BarWidth, y, left + _barLeft + BarWidth + 4, y, Palette.Ink, 1);
            s.Text(left + _barLeft + BarWidth + Gap + 2, y, text, Palette.Ink, Options.TextScale, TextAlign.Left, TextBaseline.Middle);
        }
    }

    // Positions along the bar (0 bottom, 1 top) and their labels.
    private IEnumerable<(double T, string Text)> BarLabels()
    {
        if (Options.ShadeByRow)
            return [(0, "0%"), (0.5, "50%"), (1, "100%")];
        int max = 0;
        foreach (int v in _matrix) max = Math.Max(max, v);
        if (max == 0) return [(0, "0")];
        // About one label per three text heights of bar.
        int barHeight = ClassCount * Options.CellSize, textHeight = BitmapFont.CapHeight * Options.TextScale;
        TickSet ticks = NiceTicks.Within(0, max, Math.Clamp(barHeight / (3 * textHeight), 2, 6), 1);
        return ticks.Values.Select(v => (v / max, ticks.Format(v)));
    }

    // The largest text scale (up to TextScale) at which a count fits its cell, or 0 if none does.
    private int CountScale(string count)
    {
        for (int scale = Options.TextScale; scale >= 1; scale--)
            if (BitmapFont.MeasureWidth(count) * scale <= Options.CellSize - 6 && BitmapFont.CapHeight * scale <= Options.CellSize - 6)
                return scale;
        return 0;
    }
}
