using ILGPU;

namespace DeepSharp.Backends.Cuda;

/// <summary>The sizes of a convolution as kernel parameters (from <see cref="Conv2dGeometry"/>).</summary>
internal readonly struct ConvArgs
{
    public readonly int C, H, W, KH, KW, SH, SW, PH, PW, DH, DW, OH, OW, K;

    public ConvArgs(in Conv2dGeometry g)
    {
        C = g.InChannels; H = g.InHeight; W = g.InWidth; KH = g.KernelHeight; KW = g.KernelWidth;
        SH = g.StrideHeight; SW = g.StrideWidth; PH = g.PadHeight; PW = g.PadWidth;
        DH = g.DilationHeight; DW = g.DilationWidth; OH = g.OutHeight; OW = g.OutWidth; K = g.OutChannels;
    }

    public int Cols => OH * OW;
    public int Rows => C * KH * KW;
}

/// <summary>im2col and col2im for the GEMM convolution: col (images, C·KH·KW, OH·OW) of a run of
/// images from <c>first</c> on; col2im gathers (no atomics) every tap that read an input element.</summary>
internal static class ConvKernels
{
    public static void Im2Col<T, TN>(Index1D e, ArrayView<T> x, ArrayView<T> col, ConvArgs g, int first)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int cols = g.Cols, rows = g.Rows;
        int p = e % cols, r = e / cols % rows, image = first + e / (cols * rows);
        int j = r % g.KW, i = r / g.KW % g.KH, c = r / (g.KW * g.KH);
        int oy = p / g.OW, ox = p % g.OW;
        int ih = oy * g.SH - g.PH + i * g.DH, iw = ox * g.SW - g.PW + j * g.DW;
        col[e] = ih >= 0 && ih < g.H && iw >= 0 && iw < g.W ? x[((image * g.C + c) * g.H + ih) * g.W + iw] : default(TN).Zero;
    }

    public static void Col2Im<T, TN>(Index1D e, ArrayView<T> col, ArrayView<T> gx, ConvArgs g, int first)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int iw = e % g.W, ih = e / g.W % g.H, c = e / (g.W * g.H) % g.C, local = e / (g.W * g.H * g.C);
        int cols = g.Cols, rows = g.Rows;
        T sum = n.Zero;
        for (int i = 0; i < g.KH; i++)
        {
            int ty = ih + g.PH - i * g.DH;
            if (ty < 0 || ty % g.SH != 0) continue;
            int oy = ty / g.SH;
            if (oy >= g.OH) continue;
            for (int j = 0; j < g.KW; j++)
            {
                int tx = iw + g.PW - j * g.DW;
                if (tx < 0 || tx % g.SW != 0) continue;
                int ox = tx / g.SW;
                if (ox >= g.OW) continue;
                int r = (c * g.KH + i) * g.KW + j;
                sum = n.Add(sum, col[(local * rows + r) * cols + oy * g.OW + ox]);
            }
        }
        gx[(first + local) * g.C * g.H * g.W + (e - local * g.C * g.H * g.W)] = sum;
    }

    /// <summary>gb[k] = Σ over images and positions of gy[n, k, ·].</summary>
    public static void BiasGrad<T, TN>(Index1D k, ArrayView<T> gy, ArrayView<T> gb, int images, int channels, int cols)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        T sum = n.Zero;
        for (int img = 0; img < images; img++)
            for (int p = 0; p < cols; p++) sum = n.Add(sum, gy[(img * channels + k) * cols + p]);
        gb[k] = sum;
    }
}
