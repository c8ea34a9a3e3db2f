namespace DeepSharp.Backends.Reference;

// Pooling over planes p = n·C + c of x (N, C, H, W). A window of output (oy, ox) covers rows
// [oy·SH - PH, oy·SH - PH + KH) and the matching columns; only the part inside the input is read
// (padding never wins a maximum and adds nothing to a sum).
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void MaxPool2d(in Pool2dGeometry g, StorageView x, StorageView y)
    {
        RequireFloat(x.DType, "MaxPool2d");
        var xs = StridedElements.Read(x);
        var result = new double[g.OutputSize];
        for (int p = 0; p < g.Planes; p++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                    result[(p * g.OutHeight + oy) * g.OutWidth + ox] = xs[MaxPosition(g, xs, p, oy, ox)];
        StridedElements.Write(y, result);
    }

    /// <inheritdoc/>
    public void MaxPool2dBackward(in Pool2dGeometry g, StorageView x, StorageView y, StorageView gy, StorageView gx)
    {
        RequireFloat(x.DType, "MaxPool2dBackward");
        double[] xs = StridedElements.Read(x), gys = StridedElements.Read(gy);
        var result = new double[g.InputSize];
        for (int p = 0; p < g.Planes; p++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                    result[MaxPosition(g, xs, p, oy, ox)] += gys[(p * g.OutHeight + oy) * g.OutWidth + ox];
        StridedElements.Write(gx, result);
    }

    /// <inheritdoc/>
    public void AvgPool2d(in Pool2dGeometry g, StorageView x, StorageView y, bool countIncludePad)
    {
        RequireFloat(x.DType, "AvgPool2d");
        var xs = StridedElements.Read(x);
        var result = new double[g.OutputSize];
        for (int p = 0; p < g.Planes; p++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                {
                    var (h0, h1, w0, w1) = Window(g, oy, ox);
                    double sum = 0;
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++) sum += xs[(p * g.InHeight + ih) * g.InWidth + iw];
                    result[(p * g.OutHeight + oy) * g.OutWidth + ox] = sum / Divisor(g, oy, ox, countIncludePad);
                }
        StridedElements.Write(y, result);
    }

    /// <inheritdoc/>
    public void AvgPool2dBackward(in Pool2dGeometry g, StorageView gy, StorageView gx, bool countIncludePad)
    {
        RequireFloat(gy.DType, "AvgPool2dBackward");
        var gys = StridedElements.Read(gy);
        var result = new double[g.InputSize];
        for (int p = 0; p < g.Planes; p++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                {
                    var (h0, h1, w0, w1) = Window(g, oy, ox);
                    double share = gys[(p * g.OutHeight + oy) * g.OutWidth + ox] / Divisor(g, oy, ox, countIncludePad);
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++) result[(p * g.InHeight + ih) * g.InWidth + iw] += share;
                }
        StridedElements.Write(gx, result);
    }

    /// <inheritdoc/>
    public void AdaptiveAvgPool2d(in AdaptivePool2dGeometry g, StorageView x, StorageView y)
    {
        RequireFloat(x.DType, "AdaptiveAvgPool2d");
        CheckAdaptive(g);
        var xs = StridedElements.Read(x);
        var result = new double[g.Planes * g.OutHeight * g.OutWidth];
        for (int p = 0; p < g.Planes; p++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                {
                    var (h0, h1) = AdaptiveRange(oy, g.InHeight, g.OutHeight);
                    var (w0, w1) = AdaptiveRange(ox, g.InWidth, g.OutWidth);
                    double sum = 0;
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++) sum += xs[(p * g.InHeight + ih) * g.InWidth + iw];
                    result[(p * g.OutHeight + oy) * g.OutWidth + ox] = sum / ((h1 - h0) * (w1 - w0));
                }
        StridedElements.Write(y, result);
    }

    /// <inheritdoc/>
    public void AdaptiveAvgPool2dBackward(in AdaptivePool2dGeometry g, StorageView gy, StorageView gx)
    {
        RequireFloat(gy.DType, "AdaptiveAvgPool2dBackward");
        CheckAdaptive(g);
        var gys = StridedElements.Read(gy);
        var result = new double[g.Planes * g.InHeight * g.InWidth];
        for (int p = 0; p < g.Planes; p++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                {
                    var (h0, h1) = AdaptiveRange(oy, g.InHeight, g.OutHeight);
                    var (w0, w1) = AdaptiveRange(ox, g.InWidth, g.OutWidth);
                    double share = gys[(p * g.OutHeight + oy) * g.OutWidth + ox] / ((h1 - h0) * (w1 - w0));
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++) result[(p * g.InHeight + ih) * g.InWidth + iw] += share;
                }
        StridedElements.Write(gx, result);
    }

    /// <summary>Flat index of the first largest element of a window (the first NaN, if any).</summary>
    private static int MaxPosition(in Pool2dGeometry g, double[] xs, int p, int oy, int ox)
    {
        var (h0, h1, w0, w1) = Window(g, oy, ox);
        int best = -1;
        for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++)
            {
                int at = (p * g.InHeight + ih) * g.InWidth + iw;
                if (double.IsNaN(xs[at])) return at;
                if (best < 0 || xs[at] > xs[best]) best = at;
            }
        return best;
    }

    /// <summary>The rows [H0, H1) and columns [W0, W1) of a window that lie inside the input.</summary>
    private static (int H0, int H1, int W0, int W1) Window(in Pool2dGeometry g, int oy, int ox)
    {
        int top = oy * g.StrideHeight - g.PadHeight, left = ox * g.StrideWidth - g.PadWidth;
        return (Math.Max(top, 0), Math.Min(top + g.KernelHeight, g.InHeight),
            Math.Max(left, 0), Math.Min(left + g.KernelWidth, g.InWidth));
    }

    /// <summary>The divisor of an average: the window inside the padded input (count_include_pad), or
    /// only the input elements it covers.</summary>
    private static int Divisor(in Pool2dGeometry g, int oy, int ox, bool countIncludePad)
    {
        if (!countIncludePad)
        {
            var (h0, h1, w0, w1) = Window(g, oy, ox);
            return (h1 - h0) * (w1 - w0);
        }
        int top = oy * g.StrideHeight - g.PadHeight, left = ox * g.StrideWidth - g.PadWidth;
        int bottom = Math.Min(top + g.KernelHeight, g.InHeight + g.PadHeight);
        int right = Math.Min(left + g.KernelWidth, g.InWidth + g.PadWidth);
        return (bottom - top) * (right - left);
    }

    /// <summary>PyTorch's adaptive window along one axis: [⌊i·n/m⌋, ⌈(i+1)·n/m⌉).</summary>
    private static (int Start, int End) AdaptiveRange(int i, int n, int m)
    {
        int start = (int)Math.Floor((double)i * n / m);
        int end = (int)Math.Ceiling((double)(i + 1) * n / m);
        return (start, end);
    }

    private static void CheckAdaptive(in AdaptivePool2dGeometry g)
    {
        if (g.Planes < 0 || g.InHeight <= 0 || g.InWidth <= 0 || g.OutHeight <= 0 || g.OutWidth <= 0)
            throw new ArgumentOutOfRangeException(nameof(g), g, "AdaptiveAvgPool2d: expected planes ≥ 0 and positive input and output sizes.");
    }
}
