using ILGPU;

namespace DeepSharp.Backends.Cuda;

/// <summary>The sizes of a pooling as kernel parameters.</summary>
internal readonly struct PoolArgs
{
    public readonly int H, W, KH, KW, SH, SW, PH, PW, OH, OW, CountIncludePad;

    public PoolArgs(in Pool2dGeometry g, bool countIncludePad)
    {
        H = g.InHeight; W = g.InWidth; KH = g.KernelHeight; KW = g.KernelWidth; SH = g.StrideHeight; SW = g.StrideWidth;
        PH = g.PadHeight; PW = g.PadWidth; OH = g.OutHeight; OW = g.OutWidth; CountIncludePad = countIncludePad ? 1 : 0;
    }

    public PoolArgs(in AdaptivePool2dGeometry g)
    {
        H = g.InHeight; W = g.InWidth; OH = g.OutHeight; OW = g.OutWidth;
        KH = KW = SH = SW = 1; PH = PW = 0; CountIncludePad = 0;
    }

    public int Divisor(int oy, int ox)
    {
        int hs = oy * SH - PH, ws = ox * SW - PW;
        if (CountIncludePad == 0)
        {
            int h0 = hs < 0 ? 0 : hs, w0 = ws < 0 ? 0 : ws;
            int h1 = hs + KH < H ? hs + KH : H, w1 = ws + KW < W ? ws + KW : W;
            return (h1 - h0) * (w1 - w0);
        }
        int he = hs + KH < H + PH ? hs + KH : H + PH, we = ws + KW < W + PW ? ws + KW : W + PW;
        return (he - hs) * (we - ws);
    }

    public static int AdaptiveStart(int i, int n, int m) => (int)((long)i * n / m);

    public static int AdaptiveEnd(int i, int n, int m) => (int)(((long)(i + 1) * n + m - 1) / m);
}

/// <summary>Pooling, one thread per output (forward) or per input element (backward, gathering the
/// windows that cover it in the CPU backend's order, so no atomics are needed).</summary>
internal static class PoolKernels
{
    public static void MaxForward<T, TN>(Index1D e, ArrayView<T> x, ArrayView<T> y, PoolArgs g) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int ox = e % g.OW, oy = e / g.OW % g.OH, plane = e / (g.OW * g.OH);
        int hs = oy * g.SH - g.PH, ws = ox * g.SW - g.PW;
        int h0 = hs < 0 ? 0 : hs, w0 = ws < 0 ? 0 : ws, h1 = hs + g.KH < g.H ? hs + g.KH : g.H, w1 = ws + g.KW < g.W ? ws + g.KW : g.W;
        int baseX = plane * g.H * g.W;
        T best = x[baseX + h0 * g.W + w0];
        for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++)
            {
                T v = x[baseX + ih * g.W + iw];
                if (n.Greater(v, best) || (n.IsNaN(v) && !n.IsNaN(best))) best = v;
            }
        y[e] = best;
    }

    public static void MaxBackward<T, TN>(Index1D e, ArrayView<T> x, ArrayView<T> y, ArrayView<T> gy, ArrayView<T> gx, PoolArgs g)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int iw = e % g.W, ih = e / g.W % g.H, plane = e / (g.W * g.H);
        int baseX = plane * g.H * g.W, baseY = plane * g.OH * g.OW;
        T sum = n.Zero;
        for (int oy = 0; oy < g.OH; oy++)
        {
            int hs = oy * g.SH - g.PH;
            if (ih < hs || ih >= hs + g.KH) continue;
            for (int ox = 0; ox < g.OW; ox++)
            {
                int ws = ox * g.SW - g.PW;
                if (iw < ws || iw >= ws + g.KW) continue;
                // Is (ih, iw) the first element of this window equal to its maximum?
                T target = y[baseY + oy * g.OW + ox];
                int h0 = hs < 0 ? 0 : hs, w0 = ws < 0 ? 0 : ws, h1 = hs + g.KH < g.H ? hs + g.KH : g.H, w1 = ws + g.KW < g.W ? ws + g.KW : g.W;
                int pick = -1;
                for (int py = h0; py < h1 && pick < 0; py++)
                    for (int px = w0; px < w1 && pick < 0; px++)
                    {
                        T v = x[baseX + py * g.W + px];
                        if (!n.Greater(v, target) && !n.Greater(target, v) && (n.IsNaN(v) == n.IsNaN(target))) pick = py * g.W + px;
                    }
                if (pick == ih * g.W + iw) sum = n.Add(sum, gy[baseY + oy * g.OW + ox]);
            }
        }
        gx[e] = sum;
    }

    public static void AvgForward<T, TN>(Index1D e, ArrayView<T> x, ArrayView<T> y, PoolArgs g) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int ox = e % g.OW, oy = e / g.OW % g.OH, plane = e / (g.OW * g.OH);
        int hs = oy * g.SH - g.PH, ws = ox * g.SW - g.PW;
        int h0 = hs < 0 ? 0 : hs, w0 = ws < 0 ? 0 : ws, h1 = hs + g.KH < g.H ? hs + g.KH : g.H, w1 = ws + g.KW < g.W ? ws + g.KW : g.W;
        int baseX = plane * g.H * g.W;
        T sum = n.Zero;
        for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++) sum = n.Add(sum, x[baseX + ih * g.W + iw]);
        y[e] = n.Div(sum, n.FromDouble(g.Divisor(oy, ox)));
    }

    public static void AvgBackward<T, TN>(Index1D e, ArrayView<T> gy, ArrayView<T> gx, PoolArgs g) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int iw = e % g.W, ih = e / g.W % g.H, plane = e / (g.W * g.H);
        int baseY = plane * g.OH * g.OW;
        T sum = n.Zero;
        for (int oy = 0; oy < g.OH; oy++)
        {
            int hs = oy * g.SH - g.PH;
            if (ih < hs || ih >= hs + g.KH) continue;
            for (int ox = 0; ox < g.OW; ox++)
            {
                int ws = ox * g.SW - g.PW;
                if (iw < ws || iw >= ws + g.KW) continue;
                sum = n.Add(sum, n.Div(gy[baseY + oy * g.OW + ox], n.FromDouble(g.Divisor(oy, ox))));
            }
        }
        gx[e] = sum;
    }

    public static void AdaptiveForward<T, TN>(Index1D e, ArrayView<T> x, ArrayView<T> y, PoolArgs g) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int ox = e % g.OW, oy = e / g.OW % g.OH, plane = e / (g.OW * g.OH);
        int h0 = PoolArgs.AdaptiveStart(oy, g.H, g.OH), h1 = PoolArgs.AdaptiveEnd(oy, g.H, g.OH);
        int w0 = PoolArgs.AdaptiveStart(ox, g.W, g.OW), w1 = PoolArgs.AdaptiveEnd(ox, g.W, g.OW);
        int baseX = plane * g.H * g.W;
        T sum = n.Zero;
        for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++) sum = n.Add(sum, x[baseX + ih * g.W + iw]);
        y[e] = n.Div(sum, n.FromDouble((h1 - h0) * (w1 - w0)));
    }

    public static void AdaptiveBackward<T, TN>(Index1D e, ArrayView<T> gy, ArrayView<T> gx, PoolArgs g) where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int iw = e % g.W, ih = e / g.W % g.H, plane = e / (g.W * g.H);
        int baseY = plane * g.OH * g.OW;
        T sum = n.Zero;
        for (int oy = 0; oy < g.OH; oy++)
        {
            int h0 = PoolArgs.AdaptiveStart(oy, g.H, g.OH), h1 = PoolArgs.AdaptiveEnd(oy, g.H, g.OH);
            if (ih < h0 || ih >= h1) continue;
            for (int ox = 0; ox < g.OW; ox++)
            {
                int w0 = PoolArgs.AdaptiveStart(ox, g.W, g.OW), w1 = PoolArgs.AdaptiveEnd(ox, g.W, g.OW);
                if (iw < w0 || iw >= w1) continue;
                sum = n.Add(sum, n.Div(gy[baseY + oy * g.OW + ox], n.FromDouble((h1 - h0) * (w1 - w0))));
            }
        }
        gx[e] = sum;
    }
}
