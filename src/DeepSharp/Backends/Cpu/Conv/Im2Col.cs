using System.Numerics;
using System.Numerics.Tensors;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The lowering of a convolution to a matrix product: <see cref="Forward{T}"/> (im2col) copies the
/// receptive fields of one group of one image into the columns of a matrix, and
/// <see cref="Backward{T}"/> (col2im) adds such a matrix back into image layout.
/// </summary>
/// <remarks>
/// image (C/groups, H, W) &lt;-&gt; col (C/groups · KH · KW, OH · OW): row (c, i, j), column (oh, ow)
/// holds image[c, oh·SH - PH + i·DH, ow·SW - PW + j·DW], or 0 where that falls in the padding.
/// With stride 1 along the width every row segment is a contiguous slice of an image row, which
/// is what makes the copy fast.
/// </remarks>
internal static class Im2Col
{
    /// <summary>im2col: fills <paramref name="col"/> (ColRows x ColCols) from one group of one image.</summary>
    /// <param name="g">The convolution's geometry.</param>
    /// <param name="image">The group's channels of one image: (C/groups, H, W), contiguous.</param>
    /// <param name="col">Destination, at least <see cref="Conv2dGeometry.ColRows"/> · <see cref="Conv2dGeometry.ColCols"/> long.</param>
    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> image, Span<T> col) where T : unmanaged
    {
        Check(g, image.Length, col.Length);
        int h = g.InHeight, w = g.InWidth, oh = g.OutHeight, ow = g.OutWidth, sw = g.StrideWidth;
        int plane = h * w, cols = oh * ow, row = 0;
        for (int c = 0; c < g.GroupInChannels; c++)
        {
            ReadOnlySpan<T> src = image.Slice(c * plane, plane);
            for (int i = 0; i < g.KernelHeight; i++)
            {
                int rowShift = i * g.DilationHeight - g.PadHeight;
                for (int j = 0; j < g.KernelWidth; j++, row++)
                {
                    int colShift = j * g.DilationWidth - g.PadWidth;
                    var (lo, hi) = ValidRange(colShift, w, sw, ow);
                    Span<T> dst = col.Slice(row * cols, cols);
                    for (int y = 0; y < oh; y++)
                    {
                        Span<T> d = dst.Slice(y * ow, ow);
                        int ih = y * g.StrideHeight + rowShift;
                        if ((uint)ih >= (uint)h)
                        {
                            d.Clear();
                            continue;
                        }
                        d[..lo].Clear();
                        d[hi..].Clear();
                        if (hi == lo) continue;
                        ReadOnlySpan<T> s = src.Slice(ih * w, w);
                        if (sw == 1)
                            s.Slice(lo + colShift, hi - lo).CopyTo(d[lo..hi]);
                        else
                            for (int x = lo; x < hi; x++) d[x] = s[x * sw + colShift];
                    }
                }
            }
        }
    }

    /// <summary>col2im: adds every entry of <paramref name="col"/> into the image position it was
    /// copied from (overlapping receptive fields accumulate). The image is not cleared first.</summary>
    /// <param name="g">The convolution's geometry.</param>
    /// <param name="col">Source (ColRows x ColCols).</param>
    /// <param name="image">One group of one image (C/groups, H, W), updated in place.</param>
    public static void Backward<T>(in Conv2dGeometry g, ReadOnlySpan<T> col, Span<T> image)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(g, image.Length, col.Length);
        int h = g.InHeight, w = g.InWidth, oh = g.OutHeight, ow = g.OutWidth, sw = g.StrideWidth;
        int plane = h * w, cols = oh * ow, row = 0;
        for (int c = 0; c < g.GroupInChannels; c++)
        {
            Span<T> dstPlane = image.Slice(c * plane, plane);
            for (int i = 0; i < g.KernelHeight; i++)
            {
                int rowShift = i * g.DilationHeight - g.PadHeight;
                for (int j = 0; j < g.KernelWidth; j++, row++)
                {
                    int colShift = j * g.DilationWidth - g.PadWidth;
                    var (lo, hi) = ValidRange(colShift, w, sw, ow);
                    if (hi <= lo) continue;
                    ReadOnlySpan<T> srcRow = col.Slice(row * cols, cols);
                    for (int y = 0; y < oh; y++)
                    {
                        int ih = y * g.StrideHeight + rowShift;
                        if ((uint)ih >= (uint)h) continue;
                        ReadOnlySpan<T> s = srcRow.Slice(y * ow + lo, hi - lo);
                        Span<T> d = dstPlane.Slice(ih * w, w);
                        if (sw == 1)
                        {
                            Span<T> target = d.Slice(lo + colShift, hi - lo);
                            TensorPrimitives.Add(target, s, target);
                        }
                        else
                        {
                            for (int x = 0; x < s.Length; x++) d[(x + lo) * sw + colShift] += s[x];
                        }
                    }
                }
            }
        }
    }

    /// <summary>The output columns [lo, hi) whose input column ow·stride + shift lies inside [0, width).</summary>
    internal static (int Lo, int Hi) ValidRange(int shift, int width, int stride, int outWidth)
    {
        int lo = shift >= 0 ? 0 : (-shift + stride - 1) / stride;
        int last = width - 1 - shift; // largest ow·stride allowed
        int hi = last < 0 ? 0 : Math.Min(outWidth, last / stride + 1);
        lo = Math.Min(lo, outWidth);
        return (lo, Math.Max(lo, hi));
    }

    private static void Check(in Conv2dGeometry g, int imageLength, int colLength)
    {
        int imageNeeded = g.GroupInChannels * g.InHeight * g.InWidth;
        long colNeeded = (long)g.ColRows * g.ColCols;
        if (imageLength < imageNeeded)
            throw new ArgumentException($"im2col: the image span holds {imageLength} elements; the geometry needs {imageNeeded}.");
        if (colLength < colNeeded)
            throw new ArgumentException($"im2col: the column span holds {colLength} elements; the geometry needs {colNeeded}.");
    }
}
