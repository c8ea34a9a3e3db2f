using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Direct float convolution on AVX-512 for narrow planes and few channels (LeNet's layers), forward
/// only: no im2col matrix. An output row of at most 32 positions is one or two vectors (two rows
/// of at most 16 share a tile); for every tap the shifted input row is loaded once (masked:
/// nothing past the row is read or written) and multiplied into the accumulators of up to four
/// output channels. im2col would write and read back ColRows x ColCols floats per image (25 x 784
/// for LeNet's first layer) for the same work.
/// </summary>
/// <remarks>
/// Measured on LeNet's layers (batch 64, docs/conv.md): the forward pass of the first layer takes
/// 0.55-0.75x the time of im2col + GEMM, the second about the same. Direct gradients were tried
/// and dropped: the input gradient (a forward pass of the transposed geometry) was no faster, and
/// the weight gradient, a reduction over positions, was up to 2x slower on 10-wide planes than
/// im2col + GEMM, which reduces along whole 100-position rows.
/// </remarks>
internal static unsafe class Conv2dDirectAvx512
{
    private const int MaxWidth = 32;

    /// <summary>Whether the direct forward kernel handles <paramref name="g"/>.</summary>
    public static bool Applies(in Conv2dGeometry g) =>
        Avx512F.IsSupported && g.StrideHeight == 1 && g.StrideWidth == 1
        && g.OutWidth is > 0 and <= MaxWidth && g.GroupInChannels <= 16 && g.GroupOutChannels <= 32;

    /// <summary>Scratch floats <see cref="Forward"/> needs: a zero-bordered copy of one group of an image.</summary>
    public static int ScratchLength(in Conv2dGeometry g) => Math.Max(1, Im2ColAvx512.PaddedLength(g));

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

    /// <summary>One group of one image: y (kg x OH x OW) = conv(x (C/groups x H x W), w (kg x R)) + bias.</summary>
    private static void Image(in Conv2dGeometry g, float* image, float* w, float* bias, float* y, float* scratch)
    {
        float* src = Im2ColAvx512.ZeroBordered(g, image, scratch);
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
