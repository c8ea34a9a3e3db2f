namespace DeepSharp.Plotting;

/// <summary>Plots drawn into an <see cref="SvgWriter"/>. Text uses a monospace font sized so that one
/// character is about as wide and tall as a bitmap-font cell, so layouts made for PNG fit.</summary>
internal sealed class SvgSurface(SvgWriter svg) : IPlotSurface
{
    public void FillRect(double x, double y, double width, double height, Rgba color) => svg.Rect(x, y, width, height, color);

    public void StrokeRect(double x, double y, double width, double height, Rgba color, double thickness)
        => svg.Rect(x + thickness / 2, y + thickness / 2, width - thickness, height - thickness, null, color, thickness);

    public void Line(double x0, double y0, double x1, double y1, Rgba color, double thickness)
        => svg.Line(x0, y0, x1, y1, color, thickness);

    public void Polyline(IReadOnlyList<(double X, double Y)> points, Rgba color, double thickness)
        => svg.Polyline(points, color, thickness);

    public void Marker(double cx, double cy, double size, MarkerShape shape, Rgba fill, Rgba? outline)
    {
        if (shape == MarkerShape.Circle)
            svg.Circle(cx, cy, outline is null ? size / 2 : size / 2 - 0.75, fill, outline, 1.5);
        else
            svg.Polygon(MarkerGeometry.Outline(shape, cx, cy, outline is null ? size : size - 1.5), fill, outline, 1.5);
    }

    public void Text(double x, double y, string text, Rgba color, int scale, TextAlign align, TextBaseline baseline,
        bool vertical = false, bool bold = false)
    {
        if (text.Length == 0) return;
        // Monospace glyphs advance about 0.6 em and capitals are about 0.7 em tall: 10 px per cell of 6 x 7.
        double fontSize = 10 * scale;
        double width = BitmapFont.MeasureWidth(text) * scale, height = BitmapFont.MeasureHeight(text) * scale;
        double boxW = vertical ? height : width, boxH = vertical ? width : height;
        double left = align switch { TextAlign.Center => x - boxW / 2, TextAlign.Right => x - boxW, _ => x };
        double top = baseline switch { TextBaseline.Middle => y - boxH / 2, TextBaseline.Bottom => y - boxH, _ => y };
        string[] lines = text.Split('\n');
        for (int l = 0; l < lines.Length; l++)
        {
            double baselineOffset = (l * BitmapFont.LineHeight + BitmapFont.CapHeight) * scale;
            if (vertical)
            {
                // Along the turned text, "start" is the bottom of the box.
                double along = align switch { TextAlign.Center => top + boxH / 2, TextAlign.Right => top, _ => top + boxH };
                svg.Text(left + baselineOffset, along, lines[l], color, fontSize, align, -90, bold);
            }
            else
            {
                double along = align switch { TextAlign.Center => left + boxW / 2, TextAlign.Right => left + boxW, _ => left };
                svg.Text(along, top + baselineOffset, lines[l], color, fontSize, align, 0, bold);
            }
        }
    }

    public void Image(Canvas image, double x, double y, int scale)
        => svg.Image(image, x, y, image.Width * scale, image.Height * scale);
}
