using System.Buffers;
using System.Numerics.Tensors;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The float convolution passes on AVX-512 machines: the forward pass through the direct kernel of
/// <see cref="Conv2dDirectAvx512"/> where it applies (narrow planes, few channels, stride 1); else,
/// and for the gradients, im2col as in the generic path and the unpacked <see cref="ConvGemmAvx512"/> product in place of
/// the general GEMM. Called per range of
/// images by <see cref="Conv2dKernel"/>, which owns the threading; scratch is rented here and
/// returned before each call ends.
/// </summary>
/// <remarks>
/// Per image and group, with R = C/groups·KH·KW taps and P = OH·OW positions:
/// forward Y (K/g x P) = W (K/g x R) · col (R x P);
/// input gradient dcol (R x P) = Wᵀ · dY, then col2im;
/// weight gradient dWᵀ (R x K/g) += col (R x P) · dYᵀ (P x K/g), accumulated over the range's images.
/// </remarks>
internal static unsafe class Conv2dAvx512
{
    public static void ForwardImages(in Conv2dGeometry g, float* x, float* w, float* bias, float* y, int start, int end, bool direct)
    {
        if (direct && Conv2dDirectAvx512.Applies(g))
        {
            float[] scratch = ArrayPool<float>.Shared.Rent(Conv2dDirectAvx512.ScratchLength(g));
            try
            {
                fixed (float* s = scratch) Conv2dDirectAvx512.Forward(g, x, w, bias, y, start, end, s);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
            return;
        }
        int kg = g.GroupOutChannels, r = g.ColRows, p = g.ColCols, groupIn = g.GroupInChannels * g.InHeight * g.InWidth;
        float[]? col = g.IsPointwise ? null : ArrayPool<float>.Shared.Rent(ColLength(g));
        try
        {
            fixed (float* colPtr = col)
            {
                for (int n = start; n < end; n++)
                    for (int grp = 0; grp < g.Groups; grp++)
                    {
                        float* image = x + (nint)n * g.InImageSize + grp * groupIn;
                        float* lowered = Lower(g, image, groupIn, col, colPtr);
                        float* yg = y + (nint)n * g.OutImageSize + grp * kg * p;
                        if (bias != null)
                            for (int k = 0; k < kg; k++) new Span<float>(yg + k * p, p).Fill(bias[grp * kg + k]);
                        ConvGemmAvx512.Run(kg, p, r, w + grp * kg * r, r, 1, lowered, p, yg, p, accumulate: bias != null);
                    }
            }
        }
        finally
        {
            if (col is not null) ArrayPool<float>.Shared.Return(col);
        }
    }

    public static void BackwardInputImages(in Conv2dGeometry g, float* gy, float* w, float* gx, int start, int end)
    {
        int kg = g.GroupOutChannels, r = g.ColRows, p = g.ColCols, groupIn = g.GroupInChannels * g.InHeight * g.InWidth;
        float[]? col = g.IsPointwise ? null : ArrayPool<float>.Shared.Rent(ColLength(g));
        try
        {
            fixed (float* colPtr = col)
            {
                for (int n = start; n < end; n++)
                    for (int grp = 0; grp < g.Groups; grp++)
                    {
                        float* image = gx + (nint)n * g.InImageSize + grp * groupIn;
                        // dcol (r x p) = W_gᵀ · dY_g: A[i, l] = W_g[l, i], so the strides swap.
                        float* dcol = col is null ? image : colPtr;
                        float* padPtr = colPtr + (nint)r * p;
                        ConvGemmAvx512.Run(r, p, kg, w + grp * kg * r, 1, r, gy + (nint)n * g.OutImageSize + grp * kg * p, p, dcol, p, false);
                        if (col is null) continue;
                        var target = new Span<float>(image, groupIn);
                        target.Clear();
                        if (Im2ColAvx512.Applies(g)) Im2ColAvx512.Backward(g, colPtr, image, padPtr);
                        else Im2Col.Backward<float>(g, new ReadOnlySpan<float>(colPtr, r * p), target);
                    }
            }
        }
        finally
        {
            if (col is not null) ArrayPool<float>.Shared.Return(col);
        }
    }

    /// <summary>Writes dW (K x R) and dbias (K) of images [start, end) into the spans (overwritten).</summary>
    public static void BackwardWeightImages(in Conv2dGeometry g, float* x, float* gy, Span<float> gradWeight, Span<float> gradBias, int start, int end)
    {
        int kg = g.GroupOutChannels, r = g.ColRows, p = g.ColCols, groupIn = g.GroupInChannels * g.InHeight * g.InWidth;
        bool dot = UseDotForm(g);
        float[]? col = g.IsPointwise ? null : ArrayPool<float>.Shared.Rent(ColLength(g));
        float[] dyT = ArrayPool<float>.Shared.Rent(dot ? 1 : p * kg);
        float[] dwT = ArrayPool<float>.Shared.Rent(dot ? 1 : g.Groups * r * kg);
        try
        {
            fixed (float* colPtr = col, dyTPtr = dyT, dwTPtr = dwT, gw = gradWeight)
            {
                for (int n = start; n < end; n++)
                {
                    for (int grp = 0; grp < g.Groups; grp++)
                    {
                        float* lowered = Lower(g, x + (nint)n * g.InImageSize + grp * groupIn, groupIn, col, colPtr);
                        float* dy = gy + (nint)n * g.OutImageSize + grp * kg * p;
                        if (dot)
                        {
                            // dW_g (kg x r) += dY_g (kg x p) · colᵀ, both read along p.
                            ConvDotAvx512.Run(kg, r, p, dy, p, lowered, p, gw + grp * kg * r, r, accumulate: n > start);
                        }
                        else
                        {
                            // dW_gᵀ (r x kg) += col (r x p) · dY_gᵀ (p x kg).
                            Transpose(dy, kg, p, dyTPtr);
                            ConvGemmAvx512.Run(r, kg, p, lowered, p, 1, dyTPtr, kg, dwTPtr + grp * r * kg, kg, accumulate: n > start);
                        }
                    }
                }
                BiasGradient(g, gy, gradBias, start, end);
                if (!dot)
                    for (int grp = 0; grp < g.Groups; grp++)
                        Transpose(dwTPtr + grp * r * kg, r, kg, gw + grp * kg * r);
            }
        }
        finally
        {
            if (col is not null) ArrayPool<float>.Shared.Return(col);
            ArrayPool<float>.Shared.Return(dyT);
            ArrayPool<float>.Shared.Return(dwT);
        }
    }

    /// <summary>dbias (K) of images [start, end), overwritten: the output gradient summed per channel.</summary>
    private static void BiasGradient(in Conv2dGeometry g, float* gy, Span<float> gradBias, int start, int end)
    {
        gradBias.Clear();
        int p = g.OutHeight * g.OutWidth;
        for (int n = start; n < end; n++)
            for (int k = 0; k < gradBias.Length; k++)
                gradBias[k] += TensorPrimitives.Sum(new ReadOnlySpan<float>(gy + (nint)n * g.OutImageSize + (nint)k * p, p));
    }

    /// <summary>The inner-product form pays when an image has many positions (long dot products, few
    /// horizontal sums) or few filters (the outer form would waste most of a 16-lane vector).</summary>
    internal static bool UseDotForm(in Conv2dGeometry g) => DotFormOverride ?? (g.ColCols >= 256 || g.GroupOutChannels < 8);

    /// <summary>Forces the weight-gradient form (tests and measurements); null chooses by shape.</summary>
    internal static bool? DotFormOverride { get; set; }

    /// <summary>The im2col matrix of one group of one image: the image itself for a pointwise convolution.</summary>
    private static float* Lower(in Conv2dGeometry g, float* image, int length, float[]? col, float* colPtr)
    {
        if (col is null) return image;
        if (Im2ColAvx512.Applies(g)) Im2ColAvx512.Forward(g, image, colPtr, colPtr + (nint)g.ColRows * g.ColCols);
        else Im2Col.Forward(g, new ReadOnlySpan<float>(image, length), col);
        return colPtr;
    }

    /// <summary>Scratch for one im2col matrix followed by the zero-bordered image copy of <see cref="Im2ColAvx512"/>.</summary>
    private static int ColLength(in Conv2dGeometry g) => g.ColRows * g.ColCols + (Im2ColAvx512.Applies(g) ? Im2ColAvx512.PaddedLength(g) : 0);

    /// <summary>dst (cols x rows) = src (rows x cols)ᵀ, both row-major.</summary>
    private static void Transpose(float* src, int rows, int cols, float* dst)
    {
        for (int i = 0; i < rows; i++)
        {
            float* s = src + (nint)i * cols;
            for (int j = 0; j < cols; j++) dst[(nint)j * rows + i] = s[j];
        }
    }
}
