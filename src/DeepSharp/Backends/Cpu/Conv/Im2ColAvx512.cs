using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// im2col and col2im for float with a horizontal stride of 1, on AVX-512. The image is first copied
/// into a zero-bordered buffer (skipped without padding), so every row segment of the column matrix
/// is a plain copy of OW consecutive elements: full vector moves plus one masked move whose mask is
/// the same for every segment. LeNet's segments are 10 to 28 elements long, where a span copy's
/// per-call overhead, not the bytes, set the cost.
/// </summary>
internal static unsafe class Im2ColAvx512
{
    /// <summary>Whether this path handles <paramref name="g"/> on this CPU.</summary>
    public static bool Applies(in Conv2dGeometry g) => Avx512F.IsSupported && g.StrideWidth == 1;

    /// <summary>Elements of the zero-bordered copy of one group of one image; 0 without padding.</summary>
    public static int PaddedLength(in Conv2dGeometry g) => g.PadHeight == 0 && g.PadWidth == 0 ? 0
        : g.GroupInChannels * (g.InHeight + 2 * g.PadHeight) * (g.InWidth + 2 * g.PadWidth);

    /// <summary>im2col of one group of one image (see <see cref="Im2Col.Forward{T}"/>).</summary>
    /// <param name="g">The geometry (horizontal stride 1).</param>
    /// <param name="image">(C/groups, H, W).</param>
    /// <param name="col">(ColRows, ColCols), overwritten.</param>
    /// <param name="padded">Scratch of <see cref="PaddedLength"/> elements (unused without padding).</param>
    public static void Forward(in Conv2dGeometry g, float* image, float* col, float* padded)
    {
        int hp = g.InHeight + 2 * g.PadHeight, wp = g.InWidth + 2 * g.PadWidth, ow = g.OutWidth;
        float* src = ZeroBordered(g, image, padded);
        int full = ow & ~15;
        var tail = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(ow - full)).AsSingle();
        nint rowStep = (nint)g.StrideHeight * wp;
        float* dst = col;
        for (int c = 0; c < g.GroupInChannels; c++)
            for (int i = 0; i < g.KernelHeight; i++)
                for (int j = 0; j < g.KernelWidth; j++)
                {
                    float* s = src + (c * hp + i * g.DilationHeight) * wp + j * g.DilationWidth;
                    for (int y = 0; y < g.OutHeight; y++, s += rowStep, dst += ow)
                    {
                        int x = 0;
                        for (; x < full; x += 16) Vector512.Store(Vector512.Load(s + x), dst + x);
                        if (x < ow) Avx512F.MaskStore(dst + x, tail, Avx512F.MaskLoad(s + x, tail, Vector512<float>.Zero));
                    }
                }
    }

    /// <summary>One group of one image with its zero border: copied into <paramref name="padded"/>
    /// (<see cref="PaddedLength"/> elements) when the geometry pads, else the image itself.</summary>
    public static float* ZeroBordered(in Conv2dGeometry g, float* image, float* padded)
    {
        if (PaddedLength(g) == 0) return image;
        int hp = g.InHeight + 2 * g.PadHeight, wp = g.InWidth + 2 * g.PadWidth;
        new Span<float>(padded, PaddedLength(g)).Clear();
        for (int c = 0; c < g.GroupInChannels; c++)
            for (int h = 0; h < g.InHeight; h++)
                new ReadOnlySpan<float>(image + (c * g.InHeight + h) * g.InWidth, g.InWidth)
                    .CopyTo(new Span<float>(padded + (c * hp + h + g.PadHeight) * wp + g.PadWidth, g.InWidth));
        return padded;
    }

    /// <summary>col2im of one group of one image, adding into it (see <see cref="Im2Col.Backward{T}"/>).</summary>
    /// <param name="g">The geometry (horizontal stride 1).</param>
    /// <param name="col">(ColRows, ColCols).</param>
    /// <param name="image">(C/groups, H, W), updated in place.</param>
    /// <param name="padded">Scratch of <see cref="PaddedLength"/> elements (unused without padding).</param>
    public static void Backward(in Conv2dGeometry g, float* col, float* image, float* padded)
    {
        int hp = g.InHeight + 2 * g.PadHeight, wp = g.InWidth + 2 * g.PadWidth, ow = g.OutWidth;
        bool pad = PaddedLength(g) > 0;
        float* dstBase = pad ? padded : image;
        if (pad) new Span<float>(padded, PaddedLength(g)).Clear();
        // Per destination row, the KW shifted column segments are summed in registers and the row
        // is written once: adding segment by segment made each masked load wait for the store
        // of an overlapping segment a few iterations earlier.
        int width = ow + (g.KernelWidth - 1) * g.DilationWidth, p = g.OutHeight * ow, kw = g.KernelWidth;
        int chunks = (width + 15) / 16;
        // Masks per (chunk, j), computed once: lanes of the chunk that segment j covers, plus the row mask.
        var masks = chunks * (kw + 1) <= 128 ? stackalloc Vector512<float>[chunks * (kw + 1)] : new Vector512<float>[chunks * (kw + 1)];
        for (int t = 0; t < chunks; t++)
        {
            var lane = Vector512<int>.Indices + Vector512.Create(t * 16);
            masks[t * (kw + 1)] = Vector512.LessThan(lane, Vector512.Create(width)).AsSingle();
            for (int j = 0; j < kw; j++)
            {
                int shift = j * g.DilationWidth; // segment j covers destination [shift, shift + ow)
                masks[t * (kw + 1) + 1 + j] = (Vector512.GreaterThanOrEqual(lane, Vector512.Create(shift)) & Vector512.LessThan(lane, Vector512.Create(shift + ow))).AsSingle();
            }
        }
        nint rowStep = (nint)g.StrideHeight * wp;
        fixed (Vector512<float>* mk = masks)
            for (int c = 0; c < g.GroupInChannels; c++)
                for (int i = 0; i < g.KernelHeight; i++)
                {
                    float* d = dstBase + (c * hp + i * g.DilationHeight) * wp;
                    float* rows = col + (nint)(c * g.KernelHeight + i) * kw * p;
                    for (int y = 0; y < g.OutHeight; y++, d += rowStep, rows += ow)
                        for (int t = 0; t < chunks; t++)
                        {
                            Vector512<float>* m = mk + t * (kw + 1);
                            int t0 = t * 16;
                            var acc = Avx512F.MaskLoad(d + t0, m[0], Vector512<float>.Zero);
                            for (int j = 0; j < kw; j++)
                            {
                                int shift = j * g.DilationWidth;
                                if (t0 + 16 > shift && t0 < shift + ow)
                                    acc += Avx512F.MaskLoad(rows + (nint)j * p + t0 - shift, m[1 + j], Vector512<float>.Zero);
                            }
                            Avx512F.MaskStore(d + t0, m[0], acc);
                        }
                }
        if (!pad) return;
        for (int c = 0; c < g.GroupInChannels; c++)
            for (int h = 0; h < g.InHeight; h++)
            {
                var from = new ReadOnlySpan<float>(padded + (c * hp + h + g.PadHeight) * wp + g.PadWidth, g.InWidth);
                var to = new Span<float>(image + (c * g.InHeight + h) * g.InWidth, g.InWidth);
                System.Numerics.Tensors.TensorPrimitives.Add(to, from, to);
            }
    }
}
