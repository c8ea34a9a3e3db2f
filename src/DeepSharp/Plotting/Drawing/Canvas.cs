using DeepSharp.IO;
namespace DeepSharp.Plotting;

/// <summary>
/// An RGBA raster (straight alpha, row-major, top row first) with anti-aliased lines, circles and
/// markers, filled rectangles and polygons, and text in a built-in 5x7 bitmap font.
/// Coordinates are in pixels; pixel (i, j) covers [i, i+1) x [j, j+1), so its centre is (i + 0.5, j + 0.5).
/// </summary>
public sealed class Canvas
{
    private readonly byte[] _pixels;

    /// <summary>Creates a canvas filled with <paramref name="background"/> (white when null).</summary>
    public Canvas(int width, int height, Rgba? background = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if ((long)width * height * 4 > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(width), $"Canvas {width}x{height} is too large.");
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 4];
        Clear(background ?? Rgba.White);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The RGBA bytes, 4 per pixel, row-major.</summary>
    public Span<byte> Pixels => _pixels;

    /// <summary>Sets every pixel to <paramref name="color"/>.</summary>
    public void Clear(Rgba color)
    {
        for (int i = 0; i < _pixels.Length; i += 4)
        {
            _pixels[i] = color.R; _pixels[i + 1] = color.G; _pixels[i + 2] = color.B; _pixels[i + 3] = color.A;
        }
    }

    /// <summary>The colour of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Rgba GetPixel(int x, int y)
    {
        CheckInside(x, y);
        int i = (y * Width + x) * 4;
        return new Rgba(_pixels[i], _pixels[i + 1], _pixels[i + 2], _pixels[i + 3]);
    }

    /// <summary>Replaces pixel (<paramref name="x"/>, <paramref name="y"/>) with <paramref name="color"/> (no blending).</summary>
    public void SetPixel(int x, int y, Rgba color)
    {
        CheckInside(x, y);
        int i = (y * Width + x) * 4;
        _pixels[i] = color.R; _pixels[i + 1] = color.G; _pixels[i + 2] = color.B; _pixels[i + 3] = color.A;
    }

    /// <summary>Composites <paramref name="color"/> over a pixel with its alpha scaled by
    /// <paramref name="coverage"/> in [0, 1]; pixels outside the canvas are ignored.</summary>
    public void BlendPixel(int x, int y, Rgba color, double coverage = 1)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height || coverage <= 0) return;
        if (color.A == 255 && coverage >= 1)
        {
            SetPixel(x, y, color);
            return;
        }
        double sa = color.A / 255.0 * Math.Min(coverage, 1);
        if (sa <= 0) return;
        int i = (y * Width + x) * 4;
        double da = _pixels[i + 3] / 255.0;
        double outA = sa + da * (1 - sa);
        double dw = da * (1 - sa) / outA, sw = sa / outA;
        _pixels[i] = (byte)Math.Round(color.R * sw + _pixels[i] * dw);
        _pixels[i + 1] = (byte)Math.Round(color.G * sw + _pixels[i + 1] * dw);
        _pixels[i + 2] = (byte)Math.Round(color.B * sw + _pixels[i + 2] * dw);
        _pixels[i + 3] = (byte)Math.Round(outA * 255);
    }

    /// <summary>Blends <paramref name="color"/> over the pixels of the rectangle [x, x+w) x [y, y+h) (clipped).</summary>
    public void FillRect(int x, int y, int width, int height, Rgba color)
    {
        int x0 = Math.Max(x, 0), y0 = Math.Max(y, 0);
        int x1 = (int)Math.Min((long)x + width, Width), y1 = (int)Math.Min((long)y + height, Height);
        if (x0 >= x1 || y0 >= y1) return;
        if (color.A == 255)
        {
            // Opaque: copy the first row's pixels to the rest instead of blending each one.
            Span<byte> first = _pixels.AsSpan((y0 * Width + x0) * 4, (x1 - x0) * 4);
            for (int i = 0; i < first.Length; i += 4)
            {
                first[i] = color.R; first[i + 1] = color.G; first[i + 2] = color.B; first[i + 3] = 255;
            }
            for (int py = y0 + 1; py < y1; py++) first.CopyTo(_pixels.AsSpan((py * Width + x0) * 4));
            return;
        }
        for (int py = y0; py < y1; py++)
            for (int px = x0; px < x1; px++)
                BlendPixel(px, py, color);
    }

    /// <summary>Draws the outline of a rectangle, <paramref name="thickness"/> pixels wide, inside its bounds.</summary>
    public void DrawRect(int x, int y, int width, int height, Rgba color, int thickness = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(thickness, 1);
        int t = Math.Min(thickness, Math.Min(width, height) / 2 + 1);
        FillRect(x, y, width, t, color);
        FillRect(x, y + height - t, width, t, color);
        FillRect(x, y + t, t, height - 2 * t, color);
        FillRect(x + width - t, y + t, t, height - 2 * t, color);
    }

    /// <summary>An anti-aliased line segment with round caps, <paramref name="thickness"/> pixels wide.</summary>
    public void DrawLine(double x0, double y0, double x1, double y1, Rgba color, double thickness = 1)
        => DrawPolyline([(x0, y0), (x1, y1)], color, thickness);

    /// <summary>An anti-aliased connected line through <paramref name="points"/>, with round joins;
    /// each pixel is blended once, so translucent colours do not darken at the joins.</summary>
    public void DrawPolyline(IReadOnlyList<(double X, double Y)> points, Rgba color, double thickness = 1)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!(thickness > 0)) throw new ArgumentOutOfRangeException(nameof(thickness), thickness, "Thickness must be positive.");
        if (points.Count == 0) return;
        double half = thickness / 2, reach = half + 1;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (px, py) in points)
        {
            if (!double.IsFinite(px) || !double.IsFinite(py))
                throw new ArgumentException($"Expected finite points, got ({px}, {py}).", nameof(points));
            minX = Math.Min(minX, px); maxX = Math.Max(maxX, px); minY = Math.Min(minY, py); maxY = Math.Max(maxY, py);
        }
        int bx0 = Math.Max(0, (int)Math.Floor(minX - reach)), by0 = Math.Max(0, (int)Math.Floor(minY - reach));
        int bx1 = Math.Min(Width - 1, (int)Math.Ceiling(maxX + reach)), by1 = Math.Min(Height - 1, (int)Math.Ceiling(maxY + reach));
        if (bx0 > bx1 || by0 > by1) return;
        int bw = bx1 - bx0 + 1;
        var coverage = new float[bw * (by1 - by0 + 1)];
        for (int s = 0; s < Math.Max(1, points.Count - 1); s++)
        {
            var (ax, ay) = points[s];
            var (cx, cy) = points[Math.Min(s + 1, points.Count - 1)];
            int sx0 = Math.Max(bx0, (int)Math.Floor(Math.Min(ax, cx) - reach)), sx1 = Math.Min(bx1, (int)Math.Ceiling(Math.Max(ax, cx) + reach));
            int sy0 = Math.Max(by0, (int)Math.Floor(Math.Min(ay, cy) - reach)), sy1 = Math.Min(by1, (int)Math.Ceiling(Math.Max(ay, cy) + reach));
            for (int py = sy0; py <= sy1; py++)
                for (int px = sx0; px <= sx1; px++)
                {
                    double d = DistanceToSegment(px + 0.5, py + 0.5, ax, ay, cx, cy);
                    float c = (float)Math.Clamp(half + 0.5 - d, 0, 1);
                    ref float slot = ref coverage[(py - by0) * bw + (px - bx0)];
                    if (c > slot) slot = c;
                }
        }
        for (int i = 0; i < coverage.Length; i++)
            if (coverage[i] > 0) BlendPixel(bx0 + i % bw, by0 + i / bw, color, coverage[i]);
    }

    /// <summary>An anti-aliased filled disc.</summary>
    public void FillCircle(double cx, double cy, double radius, Rgba color) => Ring(cx, cy, radius, -1, color);

    /// <summary>An anti-aliased circle outline, <paramref name="thickness"/> pixels wide, centred on the radius.</summary>
    public void DrawCircle(double cx, double cy, double radius, Rgba color, double thickness = 1)
        => Ring(cx, cy, radius + thickness / 2, radius - thickness / 2, color);

    // Pixels between inner and outer radius (inner < 0: a disc), coverage from the distance to each edge.
    private void Ring(double cx, double cy, double outer, double inner, Rgba color)
    {
        if (!(outer > 0)) return;
        int x0 = (int)Math.Floor(cx - outer - 1), x1 = (int)Math.Ceiling(cx + outer + 1);
        int y0 = (int)Math.Floor(cy - outer - 1), y1 = (int)Math.Ceiling(cy + outer + 1);
        for (int py = Math.Max(0, y0); py <= Math.Min(Height - 1, y1); py++)
            for (int px = Math.Max(0, x0); px <= Math.Min(Width - 1, x1); px++)
            {
                double d = Math.Sqrt((px + 0.5 - cx) * (px + 0.5 - cx) + (py + 0.5 - cy) * (py + 0.5 - cy));
                double c = Math.Min(outer + 0.5 - d, inner < 0 ? 1 : d - inner + 0.5);
                if (c > 0) BlendPixel(px, py, color, c);
            }
    }

    /// <summary>A filled polygon (even-odd rule), anti-aliased by 4x4 supersampling per pixel.</summary>
    public void FillPolygon(IReadOnlyList<(double X, double Y)> points, Rgba color)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3) return;
        double minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        for (int py = Math.Max(0, (int)Math.Floor(minY)); py <= Math.Min(Height - 1, (int)Math.Ceiling(maxY)); py++)
            for (int px = Math.Max(0, (int)Math.Floor(minX)); px <= Math.Min(Width - 1, (int)Math.Ceiling(maxX)); px++)
            {
                int inside = 0;
                for (int sy = 0; sy < 4; sy++)
                    for (int sx = 0; sx < 4; sx++)
                        if (Contains(points, px + (sx + 0.5) / 4, py + (sy + 0.5) / 4)) inside++;
                if (inside > 0) BlendPixel(px, py, color, inside / 16.0);
            }
    }

    /// <summary>A scatter marker of the given <paramref name="size"/> (diameter in pixels) centred on
    /// (<paramref name="cx"/>, <paramref name="cy"/>), with an optional 1.5-pixel <paramref name="outline"/>.</summary>
    public void DrawMarker(double cx, double cy, double size, MarkerShape shape, Rgba fill, Rgba? outline = null)
    {
        if (!(size > 0)) throw new ArgumentOutOfRangeException(nameof(size), size, "Marker size must be positive.");
        const double outlineWidth = 1.5;
        if (shape == MarkerShape.Circle)
        {
            if (outline is { } o)
            {
                FillCircle(cx, cy, size / 2, o);
                FillCircle(cx, cy, size / 2 - outlineWidth, fill);
            }
            else FillCircle(cx, cy, size / 2, fill);
            return;
        }
        if (outline is { } ring)
        {
            FillPolygon(MarkerGeometry.Outline(shape, cx, cy, size), ring);
            FillPolygon(MarkerGeometry.Outline(shape, cx, cy, size - 2 * outlineWidth * MarkerGeometry.InsetFactor(shape)), fill);
        }
        else FillPolygon(MarkerGeometry.Outline(shape, cx, cy, size), fill);
    }

    /// <summary>Draws <paramref name="text"/> in the built-in bitmap font, each font cell
    /// <paramref name="scale"/> x <paramref name="scale"/> pixels; lines split on '\n'. The text box
    /// is placed so that (<paramref name="x"/>, <paramref name="y"/>) lies at the given alignment on it.
    /// When <paramref name="vertical"/>, the text is turned a quarter turn counter-clockwise (reads
    /// bottom to top) and the alignment applies to the turned box.</summary>
    public void DrawText(double x, double y, string text, Rgba color, int scale = 1,
        TextAlign align = TextAlign.Left, TextBaseline baseline = TextBaseline.Top, bool vertical = false)
        => TextRenderer.Draw(this, x, y, text, color, scale, align, baseline, vertical);

    /// <summary>Size in pixels of the box of <paramref name="text"/> drawn unrotated at <paramref name="scale"/>.</summary>
    public static (int Width, int Height) MeasureText(string text, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        return (BitmapFont.MeasureWidth(text) * scale, BitmapFont.MeasureHeight(text) * scale);
    }

    /// <summary>Composites <paramref name="source"/> with its top-left corner at (<paramref name="x"/>,
    /// <paramref name="y"/>), each source pixel drawn as a <paramref name="scale"/> x <paramref name="scale"/> block.</summary>
    public void DrawImage(Canvas source, int x, int y, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        for (int sy = 0; sy < source.Height; sy++)
            for (int sx = 0; sx < source.Width; sx++)
            {
                Rgba c = source.GetPixel(sx, sy);
                if (c.A == 0) continue;
                for (int dy = 0; dy < scale; dy++)
                    for (int dx = 0; dx < scale; dx++)
                        BlendPixel(x + sx * scale + dx, y + sy * scale + dy, c);
            }
    }

    /// <summary>Encodes the canvas as PNG: RGB when every pixel is opaque, RGBA otherwise.</summary>
    public byte[] ToPng(PngFilterMode filter = PngFilterMode.Adaptive)
    {
        bool opaque = true;
        for (int i = 3; i < _pixels.Length && opaque; i += 4) opaque = _pixels[i] == 255;
        if (!opaque) return PngEncoder.Encode(_pixels, Width, Height, PngColorType.Rgba, filter);
        var rgb = new byte[Width * Height * 3];
        for (int p = 0, q = 0; p < _pixels.Length; p += 4, q += 3)
        {
            rgb[q] = _pixels[p]; rgb[q + 1] = _pixels[p + 1]; rgb[q + 2] = _pixels[p + 2];
        }
        return PngEncoder.Encode(rgb, Width, Height, PngColorType.Rgb, filter);
    }

    /// <summary>Writes the canvas to <paramref name="path"/> as PNG, atomically (temporary file, then rename).</summary>
    public void SavePng(string path) => AtomicFile.WriteAllBytes(path, ToPng());

    private void CheckInside(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Expected a pixel inside {Width}x{Height}, got ({x}, {y}).");
    }

    private static double DistanceToSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay, lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / lengthSquared, 0, 1);
        double ex = px - (ax + t * dx), ey = py - (ay + t * dy);
        return Math.Sqrt(ex * ex + ey * ey);
    }

    private static bool Contains(IReadOnlyList<(double X, double Y)> polygon, double x, double y)
    {
        bool inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var (xi, yi) = polygon[i];
            var (xj, yj) = polygon[j];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        }
        return inside;
    }
}
