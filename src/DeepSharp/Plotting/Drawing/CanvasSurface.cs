namespace DeepSharp.Plotting;

/// <summary>Plots drawn onto a <see cref="Canvas"/> (PNG output).</summary>
internal sealed class CanvasSurface(Canvas canvas) : IPlotSurface
{
    public void FillRect(double x, double y, double width, double height, Rgba color)
    {
        int x0 = (int)Math.Round(x), y0 = (int)Math.Round(y);
        canvas.FillRect(x0, y0, (int)Math.Round(x + width) - x0, (int)Math.Round(y + height) - y0, color);
    }

    public void StrokeRect(double x, double y, double width, double height, Rgba color, double thickness)
    {
        int x0 = (int)Math.Round(x), y0 = (int)Math.Round(y);
        canvas.DrawRect(x0, y0, (int)Math.Round(x + width) - x0, (int)Math.Round(y + height) - y0, color,
            Math.Max(1, (int)Math.Round(thickness)));
    }

    public void Line(double x0, double y0, double x1, double y1, Rgba color, double thickness)
        => canvas.DrawLine(x0, y0, x1, y1, color, thickness);

    public void Polyline(IReadOnlyList<(double X, double Y)> points, Rgba color, double thickness)
        => canvas.DrawPolyline(points, color, thickness);

    public void Marker(double cx, double cy, double size, MarkerShape shape, Rgba fill, Rgba? outline)
        => canvas.DrawMarker(cx, cy, size, shape, fill, outline);

    public void Text(double x, double y, string text, Rgba color, int scale, TextAlign align, TextBaseline baseline,
        bool vertical = false, bool bold = false)
    {
        canvas.DrawText(x, y, text, color, scale, align, baseline, vertical);
        // Bold: the same text again, one pixel across (down when turned).
        if (bold) canvas.DrawText(vertical ? x : x + 1, vertical ? y - 1 : y, text, color, scale, align, baseline, vertical);
    }

    public void Image(Canvas image, double x, double y, int scale)
        => canvas.DrawImage(image, (int)Math.Round(x), (int)Math.Round(y), scale);
}
