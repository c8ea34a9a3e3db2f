namespace DeepSharp.Backends;

/// <summary>A contiguous tensor seen as (outer, size, inner) around one axis (or a run of adjacent
/// axes): element (o, s, i) is at (o · size + s) · inner + i.</summary>
/// <param name="Outer">Product of the dimensions before the axis.</param>
/// <param name="Size">Length of the axis.</param>
/// <param name="Inner">Product of the dimensions after the axis.</param>
public readonly record struct AxisBlock(int Outer, int Size, int Inner)
{
    /// <summary>The block of <paramref name="shape"/> around dimensions [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public static AxisBlock Of(ReadOnlySpan<int> shape, int first, int last)
    {
        int outer = 1, size = 1, inner = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            if (d < first) outer *= shape[d];
            else if (d <= last) size *= shape[d];
            else inner *= shape[d];
        }
        return new(outer, size, inner);
    }

    /// <summary>The block around the single dimension <paramref name="dim"/>.</summary>
    public static AxisBlock Of(ReadOnlySpan<int> shape, int dim) => Of(shape, dim, dim);
}
