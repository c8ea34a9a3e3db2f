using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Kernels;

/// <summary>
/// Direct float convolution on AVX-512 for narrow planes and few channels (LeNet's layers): no
/// im2col matrix. An output row of at most 32 positions is one or two vectors; for every tap the
/// shifted input row is loaded once (masked: nothing past the row is read or written) and
/// multiplied into the accumulators of up to four output channels. im2col would write and read
/// back ColRows x ColCols floats per image (25 x 784 for LeNet's first layer) for the same work.
/// </summary>
/// <remarks>
/// Stride 1 only. The input gradient of a stride-1 convolution is itself a stride-1 convolution
/// of the output gradient (weights flipped and transposed, padding (KH-1)·DH - PH), so the
/// forward kernel serves both; the weight gradient sums, per tap, the products of the output
/// gradient with the shifted input rows. Every element is computed in a fixed order, whatever
/// the threading.
/// </remarks>
internal static unsafe class Conv2dDirectAvx512
{
    private const int MaxWidth = 32;

    /// <summary>Whether the direct kernels handle <paramref name="g"/> (forward and both gradients).</summary>
    public static bool Applies(in Conv2dGeometry g) =>
        Avx512F.IsSupported && g.StrideHeight == 1 && g.StrideWidth == 1
        && g.OutWidth is > 0 and <= MaxWidth && g.InWidth <= MaxWidth
        && g.GroupInChannels <= 16 && g.GroupOutChannels <= 32
        && g.PadHeight <= (g.KernelHeight - 1) * g.DilationHeight
        && g.PadWidth <= (g.KernelWidth - 1) * g.DilationWidth;

    /// <summary>Scratch floats the calls below need: one zero-bordered copy of a group of an input
    /// image, or of an output-gradient image (whichever is larger), plus the transposed weights.</summary>
    public static int ScratchLength(in Conv2dGeometry g)
    {
        var t = Transposed(g);
        return Math.Max(PaddedLength(g), PaddedLength(t)) + g.WeightSize;
    }

    /// <summary>Forward of images [start, end): y = conv(x, w) + bias (bias may be null).</summary>
    public static void Forward(in Conv2dGeometry g, float* x, float* w, float* bias, float* y, int start, int end, float* scratch)
    {
        int groupIn = g.GroupInChannels * g.InHeight * g.InWidth, groupOut = g.GroupOutChannels * g.OutHeight * g.OutWidth;
        int r = g.ColRows, kg = g.GroupOutChannels;
        for (int n = start; n < end; n++)
            for (int grp = 0; grp < g.Groups; grp++)
                Image(g, x + (nint)n * g.InImageSize + grp * groupIn, w + (nint)grp * kg * r,
                    bias == null ? null : bias + grp * kg, y + (nint)n * g.OutImageSize + grp * groupOut, scratch);
    }

    /// <summary>Input gradient of images [start, end), overwriting <paramref name="gx"/>.</summary>
    public static void BackwardInput(in Conv2dGeometry g, float* gy, float* w, float* gx, int start, int end, float* scratch)
    {
        var t = Transposed(g);
        float* wt = scratch + Math.Max(PaddedLength(g), PaddedLength(t));
        int kg = g.GroupOutChannels, cg = g.GroupInChannels, kh = g.KernelHeight, kw = g.KernelWidth, taps = kh * kw;
        // wt[grp][c][k][KH-1-i][KW-1-j] = w[grp·kg + k][c][i][j]
        for (int grp = 0; grp < g.Groups; grp++)
            for (int k = 0; k < kg; k++)
                for (int c = 0; c < cg; c++)
                    for (int i = 0; i < kh; i++)
                        for (int j = 0; j < kw; j++)
                            wt[(((nint)grp * cg + c) * kg + k) * taps + (kh - 1 - i) * kw + (kw - 1 - j)] =
                                w[(((nint)grp * kg + k) * cg + c) * taps + i * kw + j];
        int groupIn = cg * g.InHeight * g.InWidth, groupOut = kg * g.OutHeight * g.OutWidth;
        for (int n = start; n < end; n++)
            for (int grp = 0; grp < g.Groups; grp++)
                Image(t, gy + (nint)n * g.OutImageSize + grp * groupOut, wt + (nint)grp * cg * kg * taps, null,
                    gx + (nint)n * g.InImageSize + grp * groupIn, scratch);
    }

    /// <summary>Weight gradient of images [start, end) into <paramref name="gw"/> (K x R), overwritten.</summary>
    public static void BackwardWeight(in Conv2dGeometry g, float* x, float* gy, float* gw, int start, int end, float* scratch)
    {
        int groupIn = g.GroupInChannels * g.InHeight * g.InWidth, kg = g.GroupOutChannels, r = g.ColRows, p = g.OutHeight * g.OutWidth;
        new Span<float>(gw, g.WeightSize).Clear();
        for (int n = start; n < end; n++)
            for (int grp = 0; grp < g.Groups; grp++)
            {
                float* src = Pad(g, x + (nint)n * g.InImageSize + grp * groupIn, scratch);
                float* dy = gy + (nint)n * g.OutImageSize + grp * kg * p;
                for (int k0 = 0; k0 < kg; k0 += 4)
                {
                    int kb = Math.Min(4, kg - k0);
                    float* dw = gw + ((nint)grp * kg + k0) * r;
                    if (g.OutWidth > 16) WeightTaps<Two>(g, kb, src, dy + (nint)k0 * p, dw);
                    else WeightTaps<One>(g, kb, src, dy + (nint)k0 * p, dw);
                }
            }
    }

    /// <summary>The geometry whose forward pass is the input gradient of <paramref name="g"/>.</summary>
    internal static Conv2dGeometry Transposed(in Conv2dGeometry g) =>
        new(1, g.OutChannels, g.OutHeight, g.OutWidth, g.InChannels, g.KernelHeight, g.KernelWidth, 1, 1,
            (g.KernelHeight - 1) * g.DilationHeight - g.PadHeight, (g.KernelWidth - 1) * g.DilationWidth - g.PadWidth,
            g.DilationHeight, g.DilationWidth, g.Groups);

    private static int PaddedLength(in Conv2dGeometry g) =>
        g.GroupInChannels * (g.InHeight + 2 * g.PadHeight) * (g.InWidth + 2 * g.PadWidth);

    /// <summary>The zero-bordered copy of one group of one image (the image itself without padding).</summary>
    private static float* Pad(in Conv2dGeometry g, float* image, float* scratch)
    {
        if (g.PadHeight == 0 && g.PadWidth == 0) return image;
        int hp = g.InHeight + 2 * g.PadHeight, wp = g.InWidth + 2 * g.PadWidth;
        new Span<float>(scratch, PaddedLength(g)).Clear();
        for (int c = 0; c < g.GroupInChannels; c++)
            for (int h = 0; h < g.InHeight; h++)
                new ReadOnlySpan<float>(image + (c * g.InHeight + h) * g.InWidth, g.InWidth)
                    .CopyTo(new Span<float>(scratch + (c * hp + h + g.PadHeight) * wp + g.PadWidth, g.InWidth));
        return scratch;
    }

    /// <summary>One group of one image: y (kg x OH x OW) = conv(x (C/groups x H x W), w (kg x R)) + bias.</summary>
    private static void Image(in Conv2dGeometry g, float* image, float* w, float* bias, float* y, float* scratch)
    {
        float* src = Pad(g, image, scratch);
        int kg = g.GroupOutChannels;
        for (int k0 = 0; k0 < kg; k0 += 4)
        {
            int kb = Math.Min(4, kg - k0);
            float* wk = w + (nint)k0 * g.ColRows, bk = bias == null ? null : bias + k0;
            float* yk = y + (nint)k0 * g.OutHeight * g.OutWidth;
            if (g.OutWidth > 16) Rows<NextVector>(g, kb, src, wk, bk, yk, 0, g.OutHeight);
            else
            {
                // Rows narrower than a vector go in pairs: one weight broadcast serves both.
                int paired = g.OutHeight & ~1;
                Rows<NextRow>(g, kb, src, wk, bk, yk, 0, paired);
                if (paired < g.OutHeight) Rows<NoSlot>(g, kb, src, wk, bk, yk, paired, g.OutHeight);
            }
        }
    }

    /// <summary>Output rows [<paramref name="row0"/>, <paramref name="row1"/>) of <paramref name="kb"/> (1..4) channels.</summary>
    private static void Rows<TS>(in Conv2dGeometry g, int kb, float* src, float* w, float* bias, float* y, int row0, int row1) where TS : struct, IConst
    {
        switch (kb)
        {
            case 4: Rows<Four, TS>(g, src, w, bias, y, row0, row1); break;
            case 3: Rows<Three, TS>(g, src, w, bias, y, row0, row1); break;
            case 2: Rows<Two, TS>(g, src, w, bias, y, row0, row1); break;
            default: Rows<One, TS>(g, src, w, bias, y, row0, row1); break;
        }
    }

    /// <summary>The register tile: TK channels x two vector slots, the second (TS) being the next
    /// 16 columns of the row (<see cref="NextVector"/>), the same columns of the next row
    /// (<see cref="NextRow"/>), or absent (<see cref="NoSlot"/>).</summary>
    private static void Rows<TK, TS>(in Conv2dGeometry g, float* src, float* w, float* bias, float* y, int row0, int row1)
        where TK : struct, IConst where TS : struct, IConst
    {
        int ow = g.OutWidth, p = g.OutHeight * ow, r = g.ColRows, hp = g.InHeight + 2 * g.PadHeight, wp = g.InWidth + 2 * g.PadWidth;
        int kh = g.KernelHeight, kw = g.KernelWidth, dh = g.DilationHeight, dwid = g.DilationWidth;
        bool two = TS.Value != NoSlot.Value;
        var m0 = Mask(Math.Min(ow, 16));
        var m1 = TS.Value == NextVector.Value ? Mask(ow - 16) : m0;
        nint inStep = TS.Value == NextVector.Value ? 16 : wp, outStep = TS.Value == NextVector.Value ? 16 : ow;
        for (int oy = row0; oy < row1; oy += TS.Value == NextRow.Value ? 2 : 1)
        {
            Vector512<float> a00, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
            a00 = bias == null ? default : Vector512.Create(bias[0]);
            if (two) a01 = a00;
            if (TK.Value > 1) { a10 = bias == null ? default : Vector512.Create(bias[1]); if (two) a11 = a10; }
            if (TK.Value > 2) { a20 = bias == null ? default : Vector512.Create(bias[2]); if (two) a21 = a20; }
            if (TK.Value > 3) { a30 = bias == null ? default : Vector512.Create(bias[3]); if (two) a31 = a30; }
            float* wt = w;
            for (int c = 0; c < g.GroupInChannels; c++)
                for (int i = 0; i < kh; i++)
                {
                    float* row = src + ((nint)c * hp + oy + i * dh) * wp;
                    for (int j = 0; j < kw; j++, wt++)
                    {
                        float* s = row + j * dwid;
                        var x0 = Avx512F.MaskLoad(s, m0, Vector512<float>.Zero);
                        var x1 = two ? Avx512F.MaskLoad(s + inStep, m1, Vector512<float>.Zero) : default;
                        var b = Vector512.Create(wt[0]);
                        a00 = Vector512.FusedMultiplyAdd(x0, b, a00);
                        if (two) a01 = Vector512.FusedMultiplyAdd(x1, b, a01);
                        if (TK.Value > 1)
                        {
                            b = Vector512.Create(wt[r]);
                            a10 = Vector512.FusedMultiplyAdd(x0, b, a10);
                            if (two) a11 = Vector512.FusedMultiplyAdd(x1, b, a11);
                        }
                        if (TK.Value > 2)
                        {
                            b = Vector512.Create(wt[2 * r]);
                            a20 = Vector512.FusedMultiplyAdd(x0, b, a20);
                            if (two) a21 = Vector512.FusedMultiplyAdd(x1, b, a21);
                        }
                        if (TK.Value > 3)
                        {
                            b = Vector512.Create(wt[3 * r]);
                            a30 = Vector512.FusedMultiplyAdd(x0, b, a30);
                            if (two) a31 = Vector512.FusedMultiplyAdd(x1, b, a31);
                        }
                    }
                }
            float* o = y + oy * ow;
            Avx512F.MaskStore(o, m0, a00);
            if (two) Avx512F.MaskStore(o + outStep, m1, a01);
            if (TK.Value > 1) { Avx512F.MaskStore(o + p, m0, a10); if (two) Avx512F.MaskStore(o + p + outStep, m1, a11); }
            if (TK.Value > 2) { Avx512F.MaskStore(o + 2 * p, m0, a20); if (two) Avx512F.MaskStore(o + 2 * p + outStep, m1, a21); }
            if (TK.Value > 3) { Avx512F.MaskStore(o + 3 * p, m0, a30); if (two) Avx512F.MaskStore(o + 3 * p + outStep, m1, a31); }
        }
    }

    /// <summary>dw[k][tap] += Σ over positions of dy[k] · (input shifted by the tap), for <paramref name="kb"/> (1..4) channels.</summary>
    private static void WeightTaps<TV>(in Conv2dGeometry g, int kb, float* src, float* dy, float* dw) where TV : struct, IConst
    {
        switch (kb)
        {
            case 4: WeightTaps<Four, TV>(g, src, dy, dw); break;
            case 3: WeightTaps<Three, TV>(g, src, dy, dw); break;
            case 2: WeightTaps<Two, TV>(g, src, dy, dw); break;
            default: WeightTaps<One, TV>(g, src, dy, dw); break;
        }
    }

    private static void WeightTaps<TK, TV>(in Conv2dGeometry g, float* src, float* dy, float* dw)
        where TK : struct, IConst where TV : struct, IConst
    {
        int hp = g.InHeight + 2 * g.PadHeight, wp = g.InWidth + 2 * g.PadWidth, kw = g.KernelWidth;
        int tap = 0;
        for (int c = 0; c < g.GroupInChannels; c++)
            for (int i = 0; i < g.KernelHeight; i++)
            {
                float* s = src + (nint)c * hp * wp + i * g.DilationHeight * wp;
                int j = 0;
                // Taps in pairs: each output-gradient vector loaded serves two taps.
                for (; j + 1 < kw; j += 2, tap += 2) TapBlock<TK, TV, Two>(g, s + j * g.DilationWidth, dy, dw + tap);
                if (j < kw) TapBlock<TK, TV, One>(g, s + j * g.DilationWidth, dy, dw + tap++);
            }
    }

    /// <summary>dw[k][t] += Σ over positions of dy[k] · (input shifted by tap t), for TK channels and
    /// TT horizontally adjacent taps starting at <paramref name="s"/>.</summary>
    private static void TapBlock<TK, TV, TT>(in Conv2dGeometry g, float* s, float* dy, float* dw)
        where TK : struct, IConst where TV : struct, IConst where TT : struct, IConst
    {
        int ow = g.OutWidth, p = g.OutHeight * ow, r = g.ColRows, wp = g.InWidth + 2 * g.PadWidth, shift = g.DilationWidth;
        var m0 = Mask(Math.Min(ow, 16));
        var m1 = Mask(ow - 16);
        Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        float* d = dy;
        for (int oy = 0; oy < g.OutHeight; oy++, s += wp, d += ow)
        {
            for (int v = 0; v < TV.Value; v++)
            {
                var m = v == 0 ? m0 : m1;
                int at = 16 * v;
                var x0 = Avx512F.MaskLoad(s + at, m, Vector512<float>.Zero);
                var x1 = TT.Value > 1 ? Avx512F.MaskLoad(s + at + shift, m, Vector512<float>.Zero) : default;
                var y0 = Avx512F.MaskLoad(d + at, m, Vector512<float>.Zero);
                a00 = Vector512.FusedMultiplyAdd(y0, x0, a00);
                if (TT.Value > 1) a01 = Vector512.FusedMultiplyAdd(y0, x1, a01);
                if (TK.Value > 1)
                {
                    var y1 = Avx512F.MaskLoad(d + p + at, m, Vector512<float>.Zero);
                    a10 = Vector512.FusedMultiplyAdd(y1, x0, a10);
                    if (TT.Value > 1) a11 = Vector512.FusedMultiplyAdd(y1, x1, a11);
                }
                if (TK.Value > 2)
                {
                    var y2 = Avx512F.MaskLoad(d + 2 * p + at, m, Vector512<float>.Zero);
                    a20 = Vector512.FusedMultiplyAdd(y2, x0, a20);
                    if (TT.Value > 1) a21 = Vector512.FusedMultiplyAdd(y2, x1, a21);
                }
                if (TK.Value > 3)
                {
                    var y3 = Avx512F.MaskLoad(d + 3 * p + at, m, Vector512<float>.Zero);
                    a30 = Vector512.FusedMultiplyAdd(y3, x0, a30);
                    if (TT.Value > 1) a31 = Vector512.FusedMultiplyAdd(y3, x1, a31);
                }
            }
        }
        dw[0] += Vector512.Sum(a00);
        if (TT.Value > 1) dw[1] += Vector512.Sum(a01);
        if (TK.Value > 1) { dw[r] += Vector512.Sum(a10); if (TT.Value > 1) dw[r + 1] += Vector512.Sum(a11); }
        if (TK.Value > 2) { dw[2 * r] += Vector512.Sum(a20); if (TT.Value > 1) dw[2 * r + 1] += Vector512.Sum(a21); }
        if (TK.Value > 3) { dw[3 * r] += Vector512.Sum(a30); if (TT.Value > 1) dw[3 * r + 1] += Vector512.Sum(a31); }
    }

    /// <summary>Lanes [0, count) set (none when count ≤ 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Mask(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    private interface IConst
    {
        static abstract int Value { get; }
    }

    private readonly struct One : IConst { public static int Value => 1; }

    private readonly struct Two : IConst { public static int Value => 2; }

    private readonly struct Three : IConst { public static int Value => 3; }

    private readonly struct Four : IConst { public static int Value => 4; }

    private readonly struct NoSlot : IConst { public static int Value => 0; }

    private readonly struct NextVector : IConst { public static int Value => 10; }

    private readonly struct NextRow : IConst { public static int Value => 20; }
}
