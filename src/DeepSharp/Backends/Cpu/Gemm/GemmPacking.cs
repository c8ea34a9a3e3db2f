using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous layouts the micro-kernels stream through,
/// for both storage orders, so no transpose is ever materialized. Strips are zero-padded to the
/// full tile, which lets edge tiles run the same kernel (the padding only feeds discarded outputs).
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Floats a packed-A buffer needs beyond its panels: the vectorized transpose
    /// writes whole 16-float columns, overrunning a panel of fewer than 16 rows.</summary>
    public const int ASlack = 16;

    /// <summary>
    /// Packs op(A)[i0 .. i0+mc, p0 .. p0+kc) as strips of <paramref name="mr"/> rows: strip s holds,
    /// for each p, the mr values op(A)[i0 + s*mr + i, p0 + p] at dst[s*mr*kc + p*mr + i].
    /// <paramref name="dst"/> needs <see cref="ASlack"/> floats of slack after the last strip.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transA, float* a, nint lda, int i0, int mc, int p0, int kc, int mr, float* dst)
    {
        for (int s = 0; s < mc; s += mr)
        {
            int rows = Math.Min(mr, mc - s);
            float* d = dst + (nint)s * kc;
            if (transA)
            {
                // op(A)[i, p] = A[p, i]: each p is a contiguous run of rows.
                float* src = a + (nint)p0 * lda + i0 + s;
                for (int p = 0; p < kc; p++, src += lda, d += mr)
                    CopyPadded(src, d, rows, mr);
            }
            else
            {
                float* src = a + (nint)(i0 + s) * lda + p0;
                int p = 0;
                if (PackTranspose.IsSupported && mr <= 16)
                {
                    // 16 values of each row become 16 columns of mr values; missing rows read as zero.
                    for (; p + 16 <= kc; p += 16)
                        PackTranspose.Transpose16(src + p, lda, rows, d + (nint)p * mr, mr);
                }
                for (; p < kc; p++)
                {
                    float* dp = d + (nint)p * mr;
                    int i = 0;
                    for (; i < rows; i++) dp[i] = src[i * lda + p];
                    for (; i < mr; i++) dp[i] = 0f;
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0 .. p0+kc, j0 .. j0+nc) as strips of <paramref name="nr"/> columns: strip s holds,
    /// for each p, the nr values op(B)[p0 + p, j0 + s*nr + j] at dst[s*nr*kc + p*nr + j].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transB, float* b, nint ldb, int p0, int kc, int j0, int nc, int nr, float* dst)
    {
        if (!transB)
        {
            // op(B)[p, j] = B[p, j]: walk B row by row so reads stream through memory; each row
            // scatters into every strip at the same depth.
            float* row = b + (nint)p0 * ldb + j0;
            nint strip = (nint)nr * kc;
            for (int p = 0; p < kc; p++, row += ldb)
            {
                float* d = dst + (nint)p * nr;
                int s = 0;
                for (; s + nr <= nc; s += nr, d += strip) CopyPadded(row + s, d, nr, nr);
                if (s < nc) CopyPadded(row + s, d, nc - s, nr);
            }
            return;
        }
        for (int s = 0; s < nc; s += nr)
        {
            int cols = Math.Min(nr, nc - s);
            float* d = dst + (nint)s * kc;
            if (!transB)
            {
                // op(B)[p, j] = B[p, j]: each p is a contiguous run of columns.
                float* src = b + (nint)p0 * ldb + j0 + s;
                for (int p = 0; p < kc; p++, src += ldb, d += nr)
                    CopyPadded(src, d, cols, nr);
            }
            else
            {
                // op(B)[p, j] = B[j, p]: column j of the strip is row j of B, contiguous over p.
                float* src = b + (nint)(j0 + s) * ldb + p0;
                int p = 0;
                if (PackTranspose.IsSupported && nr % 16 == 0)
                {
                    for (; p + 16 <= kc; p += 16)
                        for (int half = 0; half < nr; half += 16)
                            PackTranspose.Transpose16(src + half * ldb + p, ldb, Math.Max(0, cols - half), d + (nint)p * nr + half, nr);
                }
                for (; p < kc; p++)
                {
                    float* dp = d + (nint)p * nr;
                    int j = 0;
                    for (; j < cols; j++) dp[j] = src[j * ldb + p];
                    for (; j < nr; j++) dp[j] = 0f;
                }
            }
        }
    }

    /// <summary>Copies <paramref name="count"/> floats and zero-fills up to <paramref name="width"/>:
    /// with masked AVX-512 loads when width is a multiple of 16 (B strips), else with the widest
    /// vectors that fit (a 12-float A strip row is one 8- and one 4-float move).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPadded(float* src, float* dst, int count, int width)
    {
        int j = 0;
        if (Avx512F.IsSupported && (width & 15) == 0)
        {
            // Whole 16-float vectors: lanes past count load as zero (masked lanes never fault).
            for (; j < width; j += 16)
            {
                var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count - j)).AsSingle();
                Vector512.Store(Avx512F.MaskLoad(src + j, mask, Vector512<float>.Zero), dst + j);
            }
            return;
        }
        if (Vector256.IsHardwareAccelerated)
            for (; j + 8 <= count; j += 8) Vector256.Store(Vector256.Load(src + j), dst + j);
        if (Vector128.IsHardwareAccelerated)
            for (; j + 4 <= count; j += 4) Vector128.Store(Vector128.Load(src + j), dst + j);
        for (; j < count; j++) dst[j] = src[j];
        for (; j < width; j++) dst[j] = 0f;
    }
}
