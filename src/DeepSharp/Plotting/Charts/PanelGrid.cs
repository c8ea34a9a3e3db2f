namespace DeepSharp.Plotting;

/// <summary>
/// Several plots in one figure, left to right then top to bottom, each in a cell as large as the
/// largest panel, with an optional title over the whole figure. Each panel keeps its own title
/// (e.g. "1 hidden layer", "3 hidden layers", "50 hidden layers").
/// </summary>
public sealed class PanelGrid : Plot
{
    private const int Gap = 8;
    private readonly int _cellWidth, _cellHeight, _titleBand, _textScale;

    /// <summary>Arranges <paramref name="panels"/> in <paramref name="columns"/> columns (0: all in one row).</summary>
    /// <param name="panels">The plots, at least one.</param>
    /// <param name="columns">Panels per row, 0 for a single row.</param>
    /// <param name="title">Title over the whole figure; none when null or empty.</param>
    /// <param name="textScale">Pixels per font cell of the title, 1..4.</param>
    public PanelGrid(IEnumerable<Plot> panels, int columns = 0, string? title = null, int textScale = 2)
    {
        ArgumentNullException.ThrowIfNull(panels);
        Panels = panels.ToArray();
        if (Panels.Count == 0) throw new ArgumentException("Expected at least one panel, got none.", nameof(panels));
        if (Panels.Any(p => p is null)) throw new ArgumentException("Expected panels, found a null entry.", nameof(panels));
        OptionCheck.InRange(columns, 0, 64, nameof(columns));
        _textScale = OptionCheck.InRange(textScale, 1, 4, nameof(textScale));
        Columns = columns == 0 ? Panels.Count : Math.Min(columns, Panels.Count);
        Title = title;
        _cellWidth = Panels.Max(p => p.Width);
        _cellHeight = Panels.Max(p => p.Height);
        _titleBand = string.IsNullOrEmpty(title) ? 0 : BitmapFont.MeasureHeight(title) * textScale + 3 * Gap;
    }

    /// <summary>The panels, in reading order.</summary>
    public IReadOnlyList<Plot> Panels { get; }

    /// <summary>Panels per row.</summary>
    public int Columns { get; }

    /// <summary>The figure title, if any.</summary>
    public string? Title { get; }

    private int Rows => (Panels.Count + Columns - 1) / Columns;

    /// <inheritdoc/>
    public override int Width => Columns * _cellWidth + (Columns - 1) * Gap;

    /// <inheritdoc/>
    public override int Height => _titleBand + Rows * _cellHeight + (Rows - 1) * Gap;

    /// <summary>Top-left corner of panel <paramref name="index"/> in the rendered figure (panels are
    /// centred in their cells).</summary>
    public (int X, int Y) PanelOrigin(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Panels.Count);
        int column = index % Columns, row = index / Columns;
        Plot p = Panels[index];
        return (column * (_cellWidth + Gap) + (_cellWidth - p.Width) / 2, _titleBand + row * (_cellHeight + Gap) + (_cellHeight - p.Height) / 2);
    }

    internal override void Draw(IPlotSurface s, double left, double top)
    {
        s.FillRect(left, top, Width, Height, Rgba.White);
        if (!string.IsNullOrEmpty(Title))
            s.Text(left + Width / 2.0, top + 2 * Gap, Title, Palette.Ink, _textScale, TextAlign.Center, TextBaseline.Top, bold: true);
        for (int i = 0; i < Panels.Count; i++)
        {
            var (x, y) = PanelOrigin(i);
            Panels[i].Draw(s, left + x, top + y);
        }
    }
}
