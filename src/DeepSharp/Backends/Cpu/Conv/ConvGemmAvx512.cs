using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The AVX-512 product behind the convolution's three passes: C (M x N) = A (M x L) · B (L x N),
/// or C += A · B. A is read in place through two strides (so W, Wᵀ and the im2col matrix all serve
/// as A without packing), B and C are row-major with unit stride along N. Register tiles of up to
/// 12 rows x 32 columns (24 zmm accumulators): per step two vector loads of B and one broadcast of
/// A per row. The last vector of a row is masked, so N needs no padding and nothing is read or
/// written past a row's end.
/// </summary>
/// <remarks>
/// The convolution's GEMMs are small and skinny (M = 6 or 16 filters, L = 25 or 150 taps), where a
/// packed general GEMM spends much of its time packing; here nothing is packed. Each output element
/// is one FMA chain over l ascending, so results do not depend on tiling or threads.
/// </remarks>
internal static unsafe class ConvGemmAvx512
{
    /// <summary>Whether the CPU runs this kernel.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>C[i, j] = Σ_l A[i, l]·B[l, j] (+ C[i, j] when <paramref name="accumulate"/>), A[i, l] at
    /// a[i·aRow + l·aCol], B[l, j] at b[l·ldb + j], C[i, j] at c[i·ldc + j].</summary>
    public static void Run(int m, int n, int l, float* a, nint aRow, nint aCol, float* b, nint ldb,
        float* c, nint ldc, bool accumulate)
    {
        for (int n0 = 0; n0 < n; n0 += 32)
        {
            int cols = Math.Min(32, n - n0);
            bool two = cols > 16;
            var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(two ? cols - 16 : cols)).AsSingle();
            for (int m0 = 0; m0 < m; m0 += 12)
                Dispatch(Math.Min(12, m - m0), two, l, a + m0 * aRow, aRow, aCol, b + n0, ldb, c + m0 * ldc + n0, ldc, mask, accumulate);
        }
    }

    private static void Dispatch(int rows, bool two, int l, float* a, nint aRow, nint aCol, float* b, nint ldb,
        float* c, nint ldc, Vector512<float> mask, bool accumulate)
    {
        switch (rows)
        {
            case 1: if (two) Tile<R1, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R1, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 2: if (two) Tile<R2, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R2, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 3: if (two) Tile<R3, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R3, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 4: if (two) Tile<R4, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R4, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 5: if (two) Tile<R5, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R5, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 6: if (two) Tile<R6, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R6, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 7: if (two) Tile<R7, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R7, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 8: if (two) Tile<R8, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R8, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 9: if (two) Tile<R9, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R9, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 10: if (two) Tile<R10, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R10, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 11: if (two) Tile<R11, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R11, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
            case 12: if (two) Tile<R12, Wide>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); else Tile<R12, Narrow>(l, a, aRow, aCol, b, ldb, c, ldc, mask, accumulate); break;
        }
    }

    /// <summary>One register tile: TR rows, one or two vectors wide (the last one masked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TR, TW>(int l, float* a, nint aRow, nint aCol, float* b, nint ldb,
        float* c, nint ldc, Vector512<float> mask, bool accumulate)
        where TR : struct, IRows where TW : struct, IWidth
    {
        int rows = TR.Count;
        Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default;
        Vector512<float> c4a = default, c4b = default, c5a = default, c5b = default, c6a = default, c6b = default, c7a = default, c7b = default;
        Vector512<float> c8a = default, c8b = default, c9a = default, c9b = default, c10a = default, c10b = default, c11a = default, c11b = default;
        if (accumulate)
        {
            (c0a, c0b) = LoadRow<TW>(c + 0 * ldc, mask);
            if (rows > 1) (c1a, c1b) = LoadRow<TW>(c + 1 * ldc, mask);
            if (rows > 2) (c2a, c2b) = LoadRow<TW>(c + 2 * ldc, mask);
            if (rows > 3) (c3a, c3b) = LoadRow<TW>(c + 3 * ldc, mask);
            if (rows > 4) (c4a, c4b) = LoadRow<TW>(c + 4 * ldc, mask);
            if (rows > 5) (c5a, c5b) = LoadRow<TW>(c + 5 * ldc, mask);
            if (rows > 6) (c6a, c6b) = LoadRow<TW>(c + 6 * ldc, mask);
            if (rows > 7) (c7a, c7b) = LoadRow<TW>(c + 7 * ldc, mask);
            if (rows > 8) (c8a, c8b) = LoadRow<TW>(c + 8 * ldc, mask);
            if (rows > 9) (c9a, c9b) = LoadRow<TW>(c + 9 * ldc, mask);
            if (rows > 10) (c10a, c10b) = LoadRow<TW>(c + 10 * ldc, mask);
            if (rows > 11) (c11a, c11b) = LoadRow<TW>(c + 11 * ldc, mask);
        }
        // Rows 4k..4k+3 of A are addressed from one base pointer with index registers 0, s1, s2, s3.
        float* a0 = a, a4 = a + 4 * aRow, a8 = a + 8 * aRow;
        nint s1 = aRow, s2 = 2 * aRow, s3 = 3 * aRow;
        for (int p = 0; p < l; p++)
        {
            var b0 = TW.Two ? Vector512.Load(b) : Avx512F.MaskLoad(b, mask, Vector512<float>.Zero);
            var b1 = TW.Two ? Avx512F.MaskLoad(b + 16, mask, Vector512<float>.Zero) : default;
            Vector512<float> x;
            { x = Vector512.Create(a0[0]); c0a = Avx512F.FusedMultiplyAdd(x, b0, c0a); if (TW.Two) c0b = Avx512F.FusedMultiplyAdd(x, b1, c0b); }
            if (rows > 1) { x = Vector512.Create(a0[s1]); c1a = Avx512F.FusedMultiplyAdd(x, b0, c1a); if (TW.Two) c1b = Avx512F.FusedMultiplyAdd(x, b1, c1b); }
            if (rows > 2) { x = Vector512.Create(a0[s2]); c2a = Avx512F.FusedMultiplyAdd(x, b0, c2a); if (TW.Two) c2b = Avx512F.FusedMultiplyAdd(x, b1, c2b); }
            if (rows > 3) { x = Vector512.Create(a0[s3]); c3a = Avx512F.FusedMultiplyAdd(x, b0, c3a); if (TW.Two) c3b = Avx512F.FusedMultiplyAdd(x, b1, c3b); }
            if (rows > 4) { x = Vector512.Create(a4[0]); c4a = Avx512F.FusedMultiplyAdd(x, b0, c4a); if (TW.Two) c4b = Avx512F.FusedMultiplyAdd(x, b1, c4b); }
            if (rows > 5) { x = Vector512.Create(a4[s1]); c5a = Avx512F.FusedMultiplyAdd(x, b0, c5a); if (TW.Two) c5b = Avx512F.FusedMultiplyAdd(x, b1, c5b); }
            if (rows > 6) { x = Vector512.Create(a4[s2]); c6a = Avx512F.FusedMultiplyAdd(x, b0, c6a); if (TW.Two) c6b = Avx512F.FusedMultiplyAdd(x, b1, c6b); }
            if (rows > 7) { x = Vector512.Create(a4[s3]); c7a = Avx512F.FusedMultiplyAdd(x, b0, c7a); if (TW.Two) c7b = Avx512F.FusedMultiplyAdd(x, b1, c7b); }
            if (rows > 8) { x = Vector512.Create(a8[0]); c8a = Avx512F.FusedMultiplyAdd(x, b0, c8a); if (TW.Two) c8b = Avx512F.FusedMultiplyAdd(x, b1, c8b); }
            if (rows > 9) { x = Vector512.Create(a8[s1]); c9a = Avx512F.FusedMultiplyAdd(x, b0, c9a); if (TW.Two) c9b = Avx512F.FusedMultiplyAdd(x, b1, c9b); }
            if (rows > 10) { x = Vector512.Create(a8[s2]); c10a = Avx512F.FusedMultiplyAdd(x, b0, c10a); if (TW.Two) c10b = Avx512F.FusedMultiplyAdd(x, b1, c10b); }
            if (rows > 11) { x = Vector512.Create(a8[s3]); c11a = Avx512F.FusedMultiplyAdd(x, b0, c11a); if (TW.Two) c11b = Avx512F.FusedMultiplyAdd(x, b1, c11b); }
            a0 += aCol;
            a4 += aCol;
            a8 += aCol;
            b += ldb;
        }
        StoreRow<TW>(c + 0 * ldc, c0a, c0b, mask);
        if (rows > 1) StoreRow<TW>(c + 1 * ldc, c1a, c1b, mask);
        if (rows > 2) StoreRow<TW>(c + 2 * ldc, c2a, c2b, mask);
        if (rows > 3) StoreRow<TW>(c + 3 * ldc, c3a, c3b, mask);
        if (rows > 4) StoreRow<TW>(c + 4 * ldc, c4a, c4b, mask);
        if (rows > 5) StoreRow<TW>(c + 5 * ldc, c5a, c5b, mask);
        if (rows > 6) StoreRow<TW>(c + 6 * ldc, c6a, c6b, mask);
        if (rows > 7) StoreRow<TW>(c + 7 * ldc, c7a, c7b, mask);
        if (rows > 8) StoreRow<TW>(c + 8 * ldc, c8a, c8b, mask);
        if (rows > 9) StoreRow<TW>(c + 9 * ldc, c9a, c9b, mask);
        if (rows > 10) StoreRow<TW>(c + 10 * ldc, c10a, c10b, mask);
        if (rows > 11) StoreRow<TW>(c + 11 * ldc, c11a, c11b, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float>, Vector512<float>) LoadRow<TW>(float* c, Vector512<float> mask) where TW : struct, IWidth =>
        TW.Two
            ? (Vector512.Load(c), Avx512F.MaskLoad(c + 16, mask, Vector512<float>.Zero))
            : (Avx512F.MaskLoad(c, mask, Vector512<float>.Zero), default);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TW>(float* c, Vector512<float> lo, Vector512<float> hi, Vector512<float> mask) where TW : struct, IWidth
    {
        if (TW.Two)
        {
            Vector512.Store(lo, c);
            Avx512F.MaskStore(c + 16, mask, hi);
        }
        else
        {
            Avx512F.MaskStore(c, mask, lo);
        }
    }

    private interface IRows { static abstract int Count { get; } }

    private interface IWidth { static abstract bool Two { get; } }

    private struct Narrow : IWidth { public static bool Two => false; }

    private struct Wide : IWidth { public static bool Two => true; }

    private struct R1 : IRows { public static int Count => 1; }
    private struct R2 : IRows { public static int Count => 2; }
    private struct R3 : IRows { public static int Count => 3; }
    private struct R4 : IRows { public static int Count => 4; }
    private struct R5 : IRows { public static int Count => 5; }
    private struct R6 : IRows { public static int Count => 6; }
    private struct R7 : IRows { public static int Count => 7; }
    private struct R8 : IRows { public static int Count => 8; }
    private struct R9 : IRows { public static int Count => 9; }
    private struct R10 : IRows { public static int Count => 10; }
    private struct R11 : IRows { public static int Count => 11; }
    private struct R12 : IRows { public static int Count => 12; }
}
