namespace DeepSharp.Plotting;

/// <summary>
/// The decision regions of a classifier on 2-D inputs: every pixel of the plot area is coloured by
/// the class the model predicts there, light where the model is unsure and deeper where it is
/// confident (maximum probability), with the data points on top in their true class's colour.
/// </summary>
/// <remarks>
/// The model is reached through a callback <c>predict(points, count)</c>: <c>points</c> is
/// (count, 2) flattened row-major, and the result is (count, C) class probabilities flattened
/// row-major (C = 1 is read as the probability of class 1 of two). It is called once per chunk of
/// grid rows (see <see cref="DecisionBoundaryOptions.MaxBatch"/>), the first time the plot is
/// rendered; the result is kept for later renders.
/// </remarks>
public sealed class DecisionBoundaryPlot : Plot
{
    private readonly Func<float[], int, float[]> _predict;
    private readonly float[] _points;
    private readonly int[] _labels;
    private readonly Axes _axes;
    private Canvas? _regions;
    private int _classCount;

    /// <summary>Lays out the plot; the model is evaluated when it is first rendered.</summary>
    /// <param name="predict">Class probabilities for a batch of points (see remarks).</param>
    /// <param name="points">The data, (N, 2) flattened row-major; sets the axis ranges.</param>
    /// <param name="labels">The true class of each of the N points.</param>
    /// <param name="options">Sizes and labels; defaults when null.</param>
    public DecisionBoundaryPlot(Func<float[], int, float[]> predict, float[] points, int[] labels, DecisionBoundaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (points.Length != labels.Length * 2)
            throw new ArgumentException($"Expected points (N, 2) flattened for N = {labels.Length} labels ({labels.Length * 2} values), got {points.Length} values.", nameof(points));
        if (labels.Length == 0)
            throw new ArgumentException("Expected at least one data point, got none.", nameof(points));
        if (points.Any(v => !float.IsFinite(v)))
            throw new ArgumentException("Expected finite point coordinates, found NaN or infinity.", nameof(points));
        if (labels.Any(l => l < 0))
            throw new ArgumentException($"Expected class labels >= 0, found {labels.Min()}.", nameof(labels));
        (_predict, _points, _labels) = (predict, points, labels);
        Options = options ?? new DecisionBoundaryOptions();
        _axes = Layout();
    }

    /// <summary>The options.</summary>
    public DecisionBoundaryOptions Options { get; }

    /// <inheritdoc/>
    public override int Width => Options.Width;

    /// <inheritdoc/>
    public override int Height => Options.Height;

    /// <summary>The horizontal axis (its range is the data's plus the margin).</summary>
    public TickSet XTicks => _axes.X;

    /// <summary>The vertical axis.</summary>
    public TickSet YTicks => _axes.Y;

    /// <summary>Number of classes the model predicts (evaluates the model if it has not been yet).</summary>
    public int ClassCount { get { EnsureRegions(); return _classCount; } }

    /// <summary>Where data point (<paramref name="x"/>, <paramref name="y"/>) lands in the rendered figure, in pixels.</summary>
    public (double X, double Y) DataToPixel(double x, double y) => (_axes.MapX(x), _axes.MapY(y));

    /// <summary>The colour of a region where the model predicts <paramref name="predictedClass"/> with
    /// maximum probability <paramref name="confidence"/>, among <paramref name="classCount"/> classes.</summary>
    public static Rgba RegionColor(int predictedClass, double confidence, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        double chance = 1.0 / classCount;
        double t = Math.Clamp((confidence - chance) / (1 - chance), 0, 1);
        // From a pale tint when unsure to a clear (still light enough for the points) colour when sure.
        return Rgba.Lerp(Rgba.White, Palette.Categorical(predictedClass), 0.12 + 0.48 * t);
    }

    internal override void Draw(IPlotSurface s, double left, double top)
    {
        Canvas regions = EnsureRegions();
        s.FillRect(left, top, Width, Height, Rgba.White);
        s.Image(regions, left + _axes.Left, top + _axes.Top, 1);
        for (int i = 0; i < _labels.Length; i++)
        {
            var (px, py) = DataToPixel(_points[2 * i], _points[2 * i + 1]);
            s.Marker(left + px, top + py, Options.PointSize, MarkerShape.Circle, Palette.Categorical(_labels[i]), new Rgba(30, 30, 30));
        }
        _axes.DrawFrame(s, left, top);
        if (Options.ClassNames is { Count: > 0 } names)
        {
            var entries = names.Select((n, k) => new Legend.Entry(n, Palette.Categorical(k), MarkerShape.Circle)).ToArray();
            var legend = new Legend(entries, Options.TextScale);
            var (lx, ly) = legend.Place(_axes, Enumerable.Range(0, _labels.Length).Select(i => DataToPixel(_points[2 * i], _points[2 * i + 1])));
            legend.Draw(s, left + lx, top + ly);
        }
    }

    private Axes Layout()
    {
        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        for (int i = 0; i < _labels.Length; i++)
        {
            xMin = Math.Min(xMin, _points[2 * i]); xMax = Math.Max(xMax, _points[2 * i]);
            yMin = Math.Min(yMin, _points[2 * i + 1]); yMax = Math.Max(yMax, _points[2 * i + 1]);
        }
        (xMin, xMax) = Widen(xMin, xMax, Options.Margin);
        (yMin, yMax) = Widen(yMin, yMax, Options.Margin);
        Axes axes = Make(xMin, xMax, yMin, yMax);
        if (!Options.EqualAspect) return axes;
        // Widen the range that has fewer data units per pixel; tick labels may change width, so twice.
        for (int pass = 0; pass < 2; pass++)
        {
            double xPerPixel = (xMax - xMin) / axes.Width, yPerPixel = (yMax - yMin) / axes.Height;
            if (xPerPixel < yPerPixel) (xMin, xMax) = Around((xMin + xMax) / 2, yPerPixel * axes.Width);
            else (yMin, yMax) = Around((yMin + yMax) / 2, xPerPixel * axes.Height);
            axes = Make(xMin, xMax, yMin, yMax);
        }
        return axes;

        Axes Make(double x0, double x1, double y0, double y1)
            => Axes.Layout(Options.Width, Options.Height, NiceTicks.Within(x0, x1, 6), NiceTicks.Within(y0, y1, 6),
                Options.Title, Options.XLabel, Options.YLabel, Options.TextScale);
        static (double, double) Around(double centre, double extent) => (centre - extent / 2, centre + extent / 2);
    }

    private static (double Min, double Max) Widen(double min, double max, double margin)
    {
        double extent = max - min;
        if (extent <= 1e-12 * Math.Max(1, Math.Abs(min))) return (min - 1, max + 1);
        return (min - extent * margin, max + extent * margin);
    }

    private Canvas EnsureRegions()
    {
        if (_regions is not null) return _regions;
        int width = _axes.Width, height = _axes.Height, step = Options.GridStep;
        // Grid points every `step` pixels, the last row and column on the last pixel.
        int columns = (width - 1 + step - 1) / step + 1, rows = (height - 1 + step - 1) / step + 1;
        float[] probabilities = Evaluate(columns, rows, step, width, height, out int classCount);
        int maxLabel = _labels.Max();
        if (maxLabel >= classCount)
            throw new ArgumentException($"Data labels go up to {maxLabel}, but the model predicts only {classCount} classes.");
        _classCount = classCount;

        var regions = new Canvas(width, height);
        var mixed = new double[classCount];
        for (int py = 0; py < height; py++)
        {
            int gy = Math.Min(py / step, rows - 2 < 0 ? 0 : rows - 2);
            double fy = rows == 1 ? 0 : Math.Clamp((py - gy * step) / (double)(Math.Min((gy + 1) * step, height - 1) - gy * step), 0, 1);
            for (int px = 0; px < width; px++)
            {
                int gx = Math.Min(px / step, columns - 2 < 0 ? 0 : columns - 2);
                double fx = columns == 1 ? 0 : Math.Clamp((px - gx * step) / (double)(Math.Min((gx + 1) * step, width - 1) - gx * step), 0, 1);
                int gx1 = Math.Min(gx + 1, columns - 1), gy1 = Math.Min(gy + 1, rows - 1);
                int best = 0;
                for (int c = 0; c < classCount; c++)
                {
                    mixed[c] = (1 - fy) * ((1 - fx) * P(gy, gx, c) + fx * P(gy, gx1, c)) + fy * ((1 - fx) * P(gy1, gx, c) + fx * P(gy1, gx1, c));
                    if (mixed[c] > mixed[best]) best = c;
                }
                regions.SetPixel(px, py, RegionColor(best, mixed[best], classCount));
            }
        }
        return _regions = regions;

        double P(int gy, int gx, int c) => probabilities[(gy * columns + gx) * classCount + c];
    }

    // Calls the model over the grid, a chunk of rows at a time; returns (rows, columns, C) probabilities.
    private float[] Evaluate(int columns, int rows, int step, int width, int height, out int classCount)
    {
        classCount = 0;
        float[]? all = null;
        int rowsPerChunk = Math.Max(1, Options.MaxBatch / columns);
        for (int firstRow = 0; firstRow < rows; firstRow += rowsPerChunk)
        {
            int chunkRows = Math.Min(rowsPerChunk, rows - firstRow), count = chunkRows * columns;
            var batch = new float[count * 2];
            for (int r = 0; r < chunkRows; r++)
            {
                double y = _axes.UnmapY(_axes.Top + Math.Min((firstRow + r) * step, height - 1) + 0.5);
                for (int c = 0; c < columns; c++)
                {
                    int k = (r * columns + c) * 2;
                    batch[k] = (float)_axes.UnmapX(_axes.Left + Math.Min(c * step, width - 1) + 0.5);
                    batch[k + 1] = (float)y;
                }
            }
            float[] output = _predict(batch, count)
                ?? throw new InvalidOperationException("The prediction callback returned null; expected (P, C) probabilities.");
            if (output.Length == 0 || output.Length % count != 0)
                throw new InvalidOperationException($"The prediction callback was given {count} points and returned {output.Length} values; expected a multiple of {count} (P x C).");
            int c0 = output.Length / count;
            if (classCount != 0 && c0 != classCount)
                throw new InvalidOperationException($"The prediction callback returned {c0} classes per point after {classCount} before.");
            if (classCount == 0)
            {
                classCount = Math.Max(2, c0);
                all = new float[rows * columns * classCount];
            }
            for (int p = 0; p < count; p++)
                for (int k = 0; k < c0; k++)
                {
                    float v = output[p * c0 + k];
                    if (!float.IsFinite(v))
                        throw new InvalidOperationException($"The prediction callback returned a non-finite probability ({v}).");
                    v = Math.Clamp(v, 0f, 1f);
                    int at = (firstRow * columns + p) * classCount;
                    if (c0 == 1) { all![at] = 1 - v; all[at + 1] = v; }
                    else all![at + k] = v;
                }
        }
        return all!;
    }
}
