using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// 16 x 16 float transposes in AVX-512 registers, for the packing cases that turn rows into columns
/// (A not transposed, B transposed). 64 shuffles per 256 elements instead of one scalar load and
/// store per element.
/// </summary>
internal static unsafe class PackTranspose
{
    /// <summary>Whether <see cref="Transpose16"/> can run here.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Reads <paramref name="rows"/> (at most 16) rows of 16 floats at src + r * srcStride (missing
    /// rows read as zero) and writes the 16 columns, each as a full 16-float vector, to
    /// dst + c * dstStride for c = 0..15 in increasing order. With dstStride &lt; 16 the stores
    /// overlap and each overwrites the previous one's tail, so a caller packing fewer than 16 rows
    /// must leave 16 - dstStride floats of slack after the last column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose16(float* src, nint srcStride, int rows, float* dst, nint dstStride)
    {
        var r0 = Row(src, srcStride, 0, rows); var r1 = Row(src, srcStride, 1, rows);
        var r2 = Row(src, srcStride, 2, rows); var r3 = Row(src, srcStride, 3, rows);
        var r4 = Row(src, srcStride, 4, rows); var r5 = Row(src, srcStride, 5, rows);
        var r6 = Row(src, srcStride, 6, rows); var r7 = Row(src, srcStride, 7, rows);
        var r8 = Row(src, srcStride, 8, rows); var r9 = Row(src, srcStride, 9, rows);
        var r10 = Row(src, srcStride, 10, rows); var r11 = Row(src, srcStride, 11, rows);
        var r12 = Row(src, srcStride, 12, rows); var r13 = Row(src, srcStride, 13, rows);
        var r14 = Row(src, srcStride, 14, rows); var r15 = Row(src, srcStride, 15, rows);

        // Quarter q (rows 4q..4q+3) -> four vectors holding, in 128-bit lane L, rows 4q..4q+3 of
        // column 4L + s for s = 0..3.
        Quarter(r0, r1, r2, r3, out var a0, out var a1, out var a2, out var a3);
        Quarter(r4, r5, r6, r7, out var b0, out var b1, out var b2, out var b3);
        Quarter(r8, r9, r10, r11, out var c0, out var c1, out var c2, out var c3);
        Quarter(r12, r13, r14, r15, out var d0, out var d1, out var d2, out var d3);

        // Gather lane L of the four quarters: columns s, s + 4, s + 8, s + 12.
        Columns(a0, b0, c0, d0, out var col0, out var col4, out var col8, out var col12);
        Columns(a1, b1, c1, d1, out var col1, out var col5, out var col9, out var col13);
        Columns(a2, b2, c2, d2, out var col2, out var col6, out var col10, out var col14);
        Columns(a3, b3, c3, d3, out var col3, out var col7, out var col11, out var col15);

        Vector512.Store(col0, dst); Vector512.Store(col1, dst + dstStride);
        Vector512.Store(col2, dst + 2 * dstStride); Vector512.Store(col3, dst + 3 * dstStride);
        Vector512.Store(col4, dst + 4 * dstStride); Vector512.Store(col5, dst + 5 * dstStride);
        Vector512.Store(col6, dst + 6 * dstStride); Vector512.Store(col7, dst + 7 * dstStride);
        Vector512.Store(col8, dst + 8 * dstStride); Vector512.Store(col9, dst + 9 * dstStride);
        Vector512.Store(col10, dst + 10 * dstStride); Vector512.Store(col11, dst + 11 * dstStride);
        Vector512.Store(col12, dst + 12 * dstStride); Vector512.Store(col13, dst + 13 * dstStride);
        Vector512.Store(col14, dst + 14 * dstStride); Vector512.Store(col15, dst + 15 * dstStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Row(float* src, nint stride, int r, int rows) =>
        r < rows ? Vector512.Load(src + r * stride) : Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Quarter(Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3,
        out Vector512<float> s0, out Vector512<float> s1, out Vector512<float> s2, out Vector512<float> s3)
    {
        // Per 128-bit lane: t0 = [r0_0 r1_0 r0_1 r1_1], t1 = [r0_2 r1_2 r0_3 r1_3], likewise t2, t3 for r2, r3.
        var t0 = Avx512F.UnpackLow(r0, r1).AsDouble();
        var t1 = Avx512F.UnpackHigh(r0, r1).AsDouble();
        var t2 = Avx512F.UnpackLow(r2, r3).AsDouble();
        var t3 = Avx512F.UnpackHigh(r2, r3).AsDouble();
        s0 = Avx512F.UnpackLow(t0, t2).AsSingle();  // [r0_0 r1_0 r2_0 r3_0]
        s1 = Avx512F.UnpackHigh(t0, t2).AsSingle(); // [r0_1 r1_1 r2_1 r3_1]
        s2 = Avx512F.UnpackLow(t1, t3).AsSingle();  // column 2
        s3 = Avx512F.UnpackHigh(t1, t3).AsSingle(); // column 3
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d,
        out Vector512<float> lane0, out Vector512<float> lane1, out Vector512<float> lane2, out Vector512<float> lane3)
    {
        // 0x88 picks lanes (0, 2) of each source, 0xDD lanes (1, 3).
        var ab02 = Avx512F.Shuffle4x128(a, b, 0x88); // [a.l0 a.l2 b.l0 b.l2]
        var ab13 = Avx512F.Shuffle4x128(a, b, 0xDD); // [a.l1 a.l3 b.l1 b.l3]
        var cd02 = Avx512F.Shuffle4x128(c, d, 0x88);
        var cd13 = Avx512F.Shuffle4x128(c, d, 0xDD);
        lane0 = Avx512F.Shuffle4x128(ab02, cd02, 0x88); // [a.l0 b.l0 c.l0 d.l0]
        lane2 = Avx512F.Shuffle4x128(ab02, cd02, 0xDD); // [a.l2 b.l2 c.l2 d.l2]
        lane1 = Avx512F.Shuffle4x128(ab13, cd13, 0x88);
        lane3 = Avx512F.Shuffle4x128(ab13, cd13, 0xDD);
    }
}
