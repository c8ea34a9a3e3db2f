namespace DeepSharp.Plotting;

/// <summary>
/// What a plot draws on: implemented for PNG (<see cref="CanvasSurface"/>) and SVG
/// (<see cref="SvgSurface"/>), so each plot's layout is written once. Text is sized in bitmap-font
/// cells of <c>scale</c> pixels and placed by its box, exactly as <see cref="Canvas.DrawText"/> does.
/// </summary>
internal interface IPlotSurface
{
    void FillRect(double x, double y, double width, double height, Rgba color);
    void StrokeRect(double x, double y, double width, double height, Rgba color, double thickness);
    void Line(double x0, double y0, double x1, double y1, Rgba color, double thickness);
    void Polyline(IReadOnlyList<(double X, double Y)> points, Rgba color, double thickness);
    void Marker(double cx, double cy, double size, MarkerShape shape, Rgba fill, Rgba? outline);
    void Text(double x, double y, string text, Rgba color, int scale, TextAlign align, TextBaseline baseline,
        bool vertical = false, bool bold = false);
    /// <summary>Draws <paramref name="image"/> with its top-left at (x, y), each pixel a scale x scale block.</summary>
    void Image(Canvas image, double x, double y, int scale);
}
