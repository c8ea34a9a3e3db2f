using DeepSharp.IO;
using System.Globalization;
using System.Text;

namespace DeepSharp.Plotting;

/// <summary>
/// Builds an SVG 1.1 document as text: lines, polylines, rectangles, circles, polygons, text and
/// embedded PNG images. Text is XML-escaped, and characters XML does not allow are replaced, so the
/// document is always well-formed. Coordinates are in pixels, y pointing down.
/// </summary>
public sealed class SvgWriter
{
    private readonly StringBuilder _body = new();

    /// <summary>Starts a document of the given size, filled with <paramref name="background"/> (none when null).</summary>
    public SvgWriter(int width, int height, Rgba? background = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        if (background is { } b) Rect(0, 0, width, height, b, null);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>A straight line.</summary>
    public void Line(double x0, double y0, double x1, double y1, Rgba color, double thickness = 1)
        => _body.Append("<line x1=\"").Append(N(x0)).Append("\" y1=\"").Append(N(y0)).Append("\" x2=\"").Append(N(x1))
            .Append("\" y2=\"").Append(N(y1)).Append('"').Append(Stroke(color, thickness)).Append(" stroke-linecap=\"round\"/>\n");

    /// <summary>A connected line through <paramref name="points"/>, with round joins.</summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, Rgba color, double thickness = 1)
    {
        ArgumentNullException.ThrowIfNull(points);
        _body.Append("<polyline points=\"").Append(Points(points)).Append("\" fill=\"none\"").Append(Stroke(color, thickness))
            .Append(" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
    }

    /// <summary>A closed polygon.</summary>
    public void Polygon(IReadOnlyList<(double X, double Y)> points, Rgba? fill, Rgba? stroke = null, double strokeWidth = 1)
    {
        ArgumentNullException.ThrowIfNull(points);
        _body.Append("<polygon points=\"").Append(Points(points)).Append('"').Append(Fill(fill))
            .Append(stroke is { } s ? Stroke(s, strokeWidth) : "").Append("/>\n");
    }

    /// <summary>A rectangle, filled and/or outlined.</summary>
    public void Rect(double x, double y, double width, double height, Rgba? fill, Rgba? stroke = null, double strokeWidth = 1)
        => _body.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(width))
            .Append("\" height=\"").Append(N(height)).Append('"').Append(Fill(fill))
            .Append(stroke is { } s ? Stroke(s, strokeWidth) : "").Append("/>\n");

    /// <summary>A circle, filled and/or outlined.</summary>
    public void Circle(double cx, double cy, double radius, Rgba? fill, Rgba? stroke = null, double strokeWidth = 1)
        => _body.Append("<circle cx=\"").Append(N(cx)).Append("\" cy=\"").Append(N(cy)).Append("\" r=\"").Append(N(radius))
            .Append('"').Append(Fill(fill)).Append(stroke is { } s ? Stroke(s, strokeWidth) : "").Append("/>\n");

    /// <summary>One line of text in a monospace font, with its baseline at <paramref name="y"/> and
    /// <paramref name="x"/> at its start, middle or end per <paramref name="anchor"/>; turned by
    /// <paramref name="rotateDegrees"/> (clockwise, SVG convention) about (x, y).</summary>
    public void Text(double x, double y, string text, Rgba color, double fontSize,
        TextAlign anchor = TextAlign.Left, double rotateDegrees = 0, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!(fontSize > 0)) throw new ArgumentOutOfRangeException(nameof(fontSize), fontSize, "Font size must be positive.");
        string textAnchor = anchor switch { TextAlign.Center => "middle", TextAlign.Right => "end", _ => "start" };
        _body.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" font-family=\"DejaVu Sans Mono, Consolas, monospace\" font-size=\"")
            .Append(N(fontSize)).Append("\" text-anchor=\"").Append(textAnchor).Append('"').Append(Fill(color));
        if (bold) _body.Append(" font-weight=\"bold\"");
        if (rotateDegrees != 0)
            _body.Append(" transform=\"rotate(").Append(N(rotateDegrees)).Append(' ').Append(N(x)).Append(' ').Append(N(y)).Append(")\"");
        _body.Append(" xml:space=\"preserve\">").Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>Embeds <paramref name="image"/> as a PNG data URI, stretched to the given box without smoothing.</summary>
    public void Image(Canvas image, double x, double y, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(image);
        _body.Append("<image x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(width))
            .Append("\" height=\"").Append(N(height)).Append("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(image.ToPng())).Append("\"/>\n");
    }

    /// <summary>The complete document.</summary>
    public override string ToString()
        => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
           $"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">\n" +
           _body + "</svg>\n";

    /// <summary>Writes the document to <paramref name="path"/> as UTF-8, atomically (temporary file, then rename).</summary>
    public void Save(string path)
    {
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToString());
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Escapes text for XML content or attribute values, replacing characters that XML 1.0
    /// forbids (most control characters, lone surrogates, U+FFFE, U+FFFF) with U+FFFD.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                        sb.Append('\uFFFD');
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static string Stroke(Rgba color, double thickness)
    {
        string s = $" stroke=\"{color.ToHex()}\" stroke-width=\"{N(thickness)}\"";
        return color.A == 255 ? s : s + $" stroke-opacity=\"{N(color.Opacity)}\"";
    }

    private static string Fill(Rgba? fill)
    {
        if (fill is not { } f) return " fill=\"none\"";
        return f.A == 255 ? $" fill=\"{f.ToHex()}\"" : $" fill=\"{f.ToHex()}\" fill-opacity=\"{N(f.Opacity)}\"";
    }

    private static string Points(IReadOnlyList<(double X, double Y)> points)
        => string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)));

    private static string N(double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentException($"Expected a finite coordinate, got {v}.");
        return Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
    }
}
