using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The AVX-512 SGEMM micro-kernel: a 12 x 32 tile of C held in 24 zmm accumulators (two
/// 16-float vectors per row), fed per k step by two vector loads of B and 12 broadcasts of A;
/// with the two B vectors and the broadcast that is 27 of the 32 zmm registers. Edge tiles use
/// compile-time variants of the same code (4, 8 or 12 rows; 16 or 32 columns) that store only
/// their valid rows and, through AVX-512 masks, their valid columns, straight into C.
/// </summary>
internal static unsafe class MicroKernelAvx512
{
    /// <summary>Rows of the full register tile.</summary>
    public const int Mr = 12;

    /// <summary>Columns of the full register tile (two Vector512).</summary>
    public const int Nr = 32;

    /// <summary>
    /// acc[i, j] = sum over p &lt; kc of a[p*aStride + i] * b[p*bStride + j], one FMA chain per
    /// element in increasing p, for i &lt; T.Rows and j &lt; (T.Wide ? 32 : 16); then
    /// C[i*ldc + j] = alpha * acc when beta == 0, else fma(alpha, acc, beta * C). Masked shapes
    /// write only i &lt; rows and j &lt; cols (rows and cols are ignored otherwise).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute<T>(int kc, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc,
        float alpha, float beta, int rows, int cols)
        where T : struct, ITileShape
    {
        Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default;
        Vector512<float> c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default;
        Vector512<float> c6a = default, c6b = default, c7a = default, c7b = default, c8a = default, c8b = default;
        Vector512<float> c9a = default, c9b = default, c10a = default, c10b = default, c11a = default, c11b = default;
        // Pull the C tile towards L1 while the k loop runs (rows of a wide C are pages apart).
        for (int i = 0; i < T.Rows; i++)
        {
            Sse.Prefetch0(c + i * ldc);
            if (T.Wide) Sse.Prefetch0(c + i * ldc + 16);
        }
        for (int p = 0; p < kc; p++)
        {
            // B streams from L2 (packed) or memory (in place): fetch 8 k steps ahead.
            Sse.Prefetch0(b + 8 * bStride);
            if (T.Wide) Sse.Prefetch0(b + 8 * bStride + 16);
            var b0 = Vector512.Load(b);
            var b1 = T.Wide ? Vector512.Load(b + 16) : default;
            { var x = Vector512.Create(a[0]); c0a = Avx512F.FusedMultiplyAdd(x, b0, c0a); if (T.Wide) c0b = Avx512F.FusedMultiplyAdd(x, b1, c0b); }
            { var x = Vector512.Create(a[1]); c1a = Avx512F.FusedMultiplyAdd(x, b0, c1a); if (T.Wide) c1b = Avx512F.FusedMultiplyAdd(x, b1, c1b); }
            { var x = Vector512.Create(a[2]); c2a = Avx512F.FusedMultiplyAdd(x, b0, c2a); if (T.Wide) c2b = Avx512F.FusedMultiplyAdd(x, b1, c2b); }
            { var x = Vector512.Create(a[3]); c3a = Avx512F.FusedMultiplyAdd(x, b0, c3a); if (T.Wide) c3b = Avx512F.FusedMultiplyAdd(x, b1, c3b); }
            if (T.Rows > 4) { var x = Vector512.Create(a[4]); c4a = Avx512F.FusedMultiplyAdd(x, b0, c4a); if (T.Wide) c4b = Avx512F.FusedMultiplyAdd(x, b1, c4b); }
            if (T.Rows > 4) { var x = Vector512.Create(a[5]); c5a = Avx512F.FusedMultiplyAdd(x, b0, c5a); if (T.Wide) c5b = Avx512F.FusedMultiplyAdd(x, b1, c5b); }
            if (T.Rows > 4) { var x = Vector512.Create(a[6]); c6a = Avx512F.FusedMultiplyAdd(x, b0, c6a); if (T.Wide) c6b = Avx512F.FusedMultiplyAdd(x, b1, c6b); }
            if (T.Rows > 4) { var x = Vector512.Create(a[7]); c7a = Avx512F.FusedMultiplyAdd(x, b0, c7a); if (T.Wide) c7b = Avx512F.FusedMultiplyAdd(x, b1, c7b); }
            if (T.Rows > 8) { var x = Vector512.Create(a[8]); c8a = Avx512F.FusedMultiplyAdd(x, b0, c8a); if (T.Wide) c8b = Avx512F.FusedMultiplyAdd(x, b1, c8b); }
            if (T.Rows > 8) { var x = Vector512.Create(a[9]); c9a = Avx512F.FusedMultiplyAdd(x, b0, c9a); if (T.Wide) c9b = Avx512F.FusedMultiplyAdd(x, b1, c9b); }
            if (T.Rows > 8) { var x = Vector512.Create(a[10]); c10a = Avx512F.FusedMultiplyAdd(x, b0, c10a); if (T.Wide) c10b = Avx512F.FusedMultiplyAdd(x, b1, c10b); }
            if (T.Rows > 8) { var x = Vector512.Create(a[11]); c11a = Avx512F.FusedMultiplyAdd(x, b0, c11a); if (T.Wide) c11b = Avx512F.FusedMultiplyAdd(x, b1, c11b); }
            a += aStride;
            b += bStride;
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        Vector512<float> lo = default, hi = default;
        if (T.Masked)
        {
            lo = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(cols)).AsSingle();
            hi = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(cols - 16)).AsSingle();
        }
        StoreRow<T>(c + 0 * ldc, c0a, c0b, va, beta, vb, lo, hi);
        if (!T.Masked || rows > 1) StoreRow<T>(c + 1 * ldc, c1a, c1b, va, beta, vb, lo, hi);
        if (!T.Masked || rows > 2) StoreRow<T>(c + 2 * ldc, c2a, c2b, va, beta, vb, lo, hi);
        if (!T.Masked || rows > 3) StoreRow<T>(c + 3 * ldc, c3a, c3b, va, beta, vb, lo, hi);
        if (T.Rows > 4 && (!T.Masked || rows > 4)) StoreRow<T>(c + 4 * ldc, c4a, c4b, va, beta, vb, lo, hi);
        if (T.Rows > 4 && (!T.Masked || rows > 5)) StoreRow<T>(c + 5 * ldc, c5a, c5b, va, beta, vb, lo, hi);
        if (T.Rows > 4 && (!T.Masked || rows > 6)) StoreRow<T>(c + 6 * ldc, c6a, c6b, va, beta, vb, lo, hi);
        if (T.Rows > 4 && (!T.Masked || rows > 7)) StoreRow<T>(c + 7 * ldc, c7a, c7b, va, beta, vb, lo, hi);
        if (T.Rows > 8 && (!T.Masked || rows > 8)) StoreRow<T>(c + 8 * ldc, c8a, c8b, va, beta, vb, lo, hi);
        if (T.Rows > 8 && (!T.Masked || rows > 9)) StoreRow<T>(c + 9 * ldc, c9a, c9b, va, beta, vb, lo, hi);
        if (T.Rows > 8 && (!T.Masked || rows > 10)) StoreRow<T>(c + 10 * ldc, c10a, c10b, va, beta, vb, lo, hi);
        if (T.Rows > 8 && (!T.Masked || rows > 11)) StoreRow<T>(c + 11 * ldc, c11a, c11b, va, beta, vb, lo, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(float* c, Vector512<float> accLo, Vector512<float> accHi,
        Vector512<float> alpha, float beta, Vector512<float> vbeta, Vector512<float> maskLo, Vector512<float> maskHi)
        where T : struct, ITileShape
    {
        if (T.Masked)
        {
            // Masked-off lanes are neither read nor written (and cannot fault).
            if (beta == 0f)
            {
                Avx512F.MaskStore(c, maskLo, alpha * accLo);
                if (T.Wide) Avx512F.MaskStore(c + 16, maskHi, alpha * accHi);
            }
            else
            {
                var oldLo = Avx512F.MaskLoad(c, maskLo, Vector512<float>.Zero);
                Avx512F.MaskStore(c, maskLo, Avx512F.FusedMultiplyAdd(alpha, accLo, vbeta * oldLo));
                if (T.Wide)
                {
                    var oldHi = Avx512F.MaskLoad(c + 16, maskHi, Vector512<float>.Zero);
                    Avx512F.MaskStore(c + 16, maskHi, Avx512F.FusedMultiplyAdd(alpha, accHi, vbeta * oldHi));
                }
            }
        }
        else if (beta == 0f)
        {
            Vector512.Store(alpha * accLo, c);
            if (T.Wide) Vector512.Store(alpha * accHi, c + 16);
        }
        else
        {
            Vector512.Store(Avx512F.FusedMultiplyAdd(alpha, accLo, vbeta * Vector512.Load(c)), c);
            if (T.Wide) Vector512.Store(Avx512F.FusedMultiplyAdd(alpha, accHi, vbeta * Vector512.Load(c + 16)), c + 16);
        }
    }

    /// <summary>A compile-time tile shape: 4, 8 or 12 rows; 16 or 32 columns; masked stores or not.</summary>
    internal interface ITileShape
    {
        static abstract int Rows { get; }

        static abstract bool Wide { get; }

        static abstract bool Masked { get; }
    }

#pragma warning disable CS1591 // shape tags
    internal struct Full12x32 : ITileShape { public static int Rows => 12; public static bool Wide => true; public static bool Masked => false; }
    internal struct Edge12x32 : ITileShape { public static int Rows => 12; public static bool Wide => true; public static bool Masked => true; }
    internal struct Edge8x32 : ITileShape { public static int Rows => 8; public static bool Wide => true; public static bool Masked => true; }
    internal struct Edge4x32 : ITileShape { public static int Rows => 4; public static bool Wide => true; public static bool Masked => true; }
    internal struct Edge12x16 : ITileShape { public static int Rows => 12; public static bool Wide => false; public static bool Masked => true; }
    internal struct Edge8x16 : ITileShape { public static int Rows => 8; public static bool Wide => false; public static bool Masked => true; }
    internal struct Edge4x16 : ITileShape { public static int Rows => 4; public static bool Wide => false; public static bool Masked => true; }
#pragma warning restore CS1591
}
