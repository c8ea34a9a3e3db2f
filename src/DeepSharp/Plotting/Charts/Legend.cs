namespace DeepSharp.Plotting;

/// <summary>A legend box: one row per entry with a line or marker sample and its name.</summary>
internal sealed class Legend
{
    private const int Pad = 8, SampleWidth = 26, Gap = 8, Inset = 10;
    private readonly IReadOnlyList<Entry> _entries;
    private readonly int _scale;

    /// <summary>One legend row: a line sample when <paramref name="Marker"/> is null (with a marker on it
    /// when <paramref name="LineAndMarker"/>), otherwise just the marker.</summary>
    public sealed record Entry(string Name, Rgba Color, MarkerShape? Marker = null, bool LineAndMarker = false);

    public Legend(IReadOnlyList<Entry> entries, int scale)
    {
        _entries = entries;
        _scale = scale;
        int textWidth = entries.Select(e => BitmapFont.MeasureWidth(e.Name) * scale).DefaultIfEmpty(0).Max();
        Width = Pad + SampleWidth + Gap + textWidth + Pad;
        Height = 2 * Pad + entries.Count * RowHeight - (RowHeight - BitmapFont.CapHeight * scale);
    }

    public int Width { get; }
    public int Height { get; }
    private int RowHeight => BitmapFont.LineHeight * _scale + 2;

    /// <summary>The top-left corner, inside the plot area, of whichever corner hides the fewest of
    /// <paramref name="dataPixels"/> (preference on ties: upper right, upper left, lower right, lower left).</summary>
    public (double X, double Y) Place(Axes axes, IEnumerable<(double X, double Y)> dataPixels)
    {
        (double X, double Y)[] corners =
        [
            (axes.Left + axes.Width - Inset - Width, axes.Top + Inset),
            (axes.Left + Inset, axes.Top + Inset),
            (axes.Left + axes.Width - Inset - Width, axes.Top + axes.Height - Inset - Height),
            (axes.Left + Inset, axes.Top + axes.Height - Inset - Height),
        ];
        var counts = new int[corners.Length];
        foreach (var (px, py) in dataPixels)
            for (int i = 0; i < corners.Length; i++)
                if (px >= corners[i].X - 4 && px <= corners[i].X + Width + 4 && py >= corners[i].Y - 4 && py <= corners[i].Y + Height + 4)
                    counts[i]++;
        int best = 0;
        for (int i = 1; i < corners.Length; i++) if (counts[i] < counts[best]) best = i;
        return corners[best];
    }

    public void Draw(IPlotSurface s, double x, double y)
    {
        s.FillRect(x, y, Width, Height, Rgba.White.WithAlpha(235));
        s.StrokeRect(x, y, Width, Height, new Rgba(190, 190, 190), 1);
        for (int i = 0; i < _entries.Count; i++)
        {
            Entry e = _entries[i];
            double rowMiddle = Math.Round(y + Pad + i * RowHeight + BitmapFont.CapHeight * _scale / 2.0);
            double sampleLeft = x + Pad, sampleMiddle = sampleLeft + SampleWidth / 2.0;
            if (e.Marker is null || e.LineAndMarker)
                s.Line(sampleLeft, rowMiddle, sampleLeft + SampleWidth, rowMiddle, e.Color, 2.5);
            if (e.Marker is { } shape)
                s.Marker(sampleMiddle, rowMiddle, 4 + 2 * _scale, shape, e.Color, e.LineAndMarker ? null : Palette.Ink);
            s.Text(sampleLeft + SampleWidth + Gap, rowMiddle, e.Name, Palette.Ink, _scale, TextAlign.Left, TextBaseline.Middle);
        }
    }
}
