namespace DeepSharp.Plotting;

/// <summary>Polygon outlines of the non-circular markers, shared by the PNG and SVG back ends.</summary>
internal static class MarkerGeometry
{
    /// <summary>Vertices of a marker of diameter <paramref name="size"/> centred on (cx, cy).</summary>
    public static (double X, double Y)[] Outline(MarkerShape shape, double cx, double cy, double size)
    {
        double r = size / 2;
        return shape switch
        {
            // Squares look larger than discs of the same width: shrink them a little.
            MarkerShape.Square => Square(cx, cy, r * 0.85),
            MarkerShape.Diamond => [(cx, cy - r * 1.1), (cx + r * 1.1, cy), (cx, cy + r * 1.1), (cx - r * 1.1, cy)],
            MarkerShape.Triangle => [(cx, cy - r * 1.15), (cx + r * 1.1, cy + r * 0.75), (cx - r * 1.1, cy + r * 0.75)],
            MarkerShape.TriangleDown => [(cx, cy + r * 1.15), (cx - r * 1.1, cy - r * 0.75), (cx + r * 1.1, cy - r * 0.75)],
            MarkerShape.Circle => throw new ArgumentException("A circle has no polygon outline.", nameof(shape)),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown marker shape."),
        };
    }

    /// <summary>How much the size must shrink per unit of outline width so the inner shape is inset evenly
    /// (triangles need more than squares because of their sharp corners).</summary>
    public static double InsetFactor(MarkerShape shape) => shape switch
    {
        MarkerShape.Triangle or MarkerShape.TriangleDown => 1.8,
        MarkerShape.Diamond => 1.3,
        _ => 1.2,
    };

    private static (double X, double Y)[] Square(double cx, double cy, double h)
        => [(cx - h, cy - h), (cx + h, cy - h), (cx + h, cy + h), (cx - h, cy + h)];
}
