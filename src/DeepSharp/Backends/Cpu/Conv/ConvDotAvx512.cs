using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The AVX-512 inner-product form C (M x N) (+)= A (M x L) · Bᵀ, B stored (N x L): both operands are
/// read along rows, 16 elements of L per FMA, in register tiles of 6 x 4 dot products that are
/// reduced horizontally at the end. Serves the weight gradient dW = dY · colᵀ when an image has many
/// positions L and the layer few filters M (LeNet's first layer: L = 784, M = 6), where the outer
/// product form would use 6 of 16 lanes and need dY transposed.
/// </summary>
/// <remarks>Generated shape: rows 1..6 x columns 1..4 are separate instantiations, so the unused
/// accumulators of edge tiles vanish at JIT time.</remarks>
internal static unsafe class ConvDotAvx512
{
    /// <summary>C[i, j] = Σ_l A[i, l]·B[j, l] (+ C[i, j] when <paramref name="accumulate"/>); rows of A, B and C
    /// start lda, ldb and ldc elements apart.</summary>
    public static void Run(int m, int n, int l, float* a, nint lda, float* b, nint ldb, float* c, nint ldc, bool accumulate)
    {
        for (int n0 = 0; n0 < n; n0 += 4)
            for (int m0 = 0; m0 < m; m0 += 6)
                Dispatch(Math.Min(6, m - m0), Math.Min(4, n - n0), l, a + m0 * lda, lda, b + n0 * ldb, ldb, c + m0 * ldc + n0, ldc, accumulate);
    }

    private static void Dispatch(int rows, int cols, int l, float* a, nint lda, float* b, nint ldb, float* c, nint ldc, bool accumulate)
    {
        switch (cols)
        {
            case 1: Rows<N1>(rows, l, a, lda, b, ldb, c, ldc, accumulate); break;
            case 2: Rows<N2>(rows, l, a, lda, b, ldb, c, ldc, accumulate); break;
            case 3: Rows<N3>(rows, l, a, lda, b, ldb, c, ldc, accumulate); break;
            case 4: Rows<N4>(rows, l, a, lda, b, ldb, c, ldc, accumulate); break;
        }
    }

    private static void Rows<TN>(int rows, int l, float* a, nint lda, float* b, nint ldb, float* c, nint ldc, bool accumulate)
        where TN : struct, ICount
    {
        switch (rows)
        {
            case 1: Tile<M1, TN>(l, a, lda, b, ldb, c, ldc, accumulate); break;
            case 2: Tile<M2, TN>(l, a, lda, b, ldb, c, ldc, accumulate); break;
            case 3: Tile<M3, TN>(l, a, lda, b, ldb, c, ldc, accumulate); break;
            case 4: Tile<M4, TN>(l, a, lda, b, ldb, c, ldc, accumulate); break;
            case 5: Tile<M5, TN>(l, a, lda, b, ldb, c, ldc, accumulate); break;
            case 6: Tile<M6, TN>(l, a, lda, b, ldb, c, ldc, accumulate); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TM, TN>(int length, float* a, nint lda, float* b, nint ldb, float* c, nint ldc, bool accumulate)
        where TM : struct, ICount where TN : struct, ICount
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector512<float> c50 = default, c51 = default, c52 = default, c53 = default;
        Vector512<float> b0 = default, b1 = default, b2 = default, b3 = default, x;
        int l = 0;
        for (; l + 16 <= length; l += 16)
        {
            b0 = Vector512.Load(b + 0 * ldb + l);
            if (TN.Count > 1) b1 = Vector512.Load(b + 1 * ldb + l);
            if (TN.Count > 2) b2 = Vector512.Load(b + 2 * ldb + l);
            if (TN.Count > 3) b3 = Vector512.Load(b + 3 * ldb + l);
            { x = Vector512.Load(a + 0 * lda + l); c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); if (TN.Count > 1) c01 = Avx512F.FusedMultiplyAdd(x, b1, c01); if (TN.Count > 2) c02 = Avx512F.FusedMultiplyAdd(x, b2, c02); if (TN.Count > 3) c03 = Avx512F.FusedMultiplyAdd(x, b3, c03); }
            if (TM.Count > 1) { x = Vector512.Load(a + 1 * lda + l); c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); if (TN.Count > 1) c11 = Avx512F.FusedMultiplyAdd(x, b1, c11); if (TN.Count > 2) c12 = Avx512F.FusedMultiplyAdd(x, b2, c12); if (TN.Count > 3) c13 = Avx512F.FusedMultiplyAdd(x, b3, c13); }
            if (TM.Count > 2) { x = Vector512.Load(a + 2 * lda + l); c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); if (TN.Count > 1) c21 = Avx512F.FusedMultiplyAdd(x, b1, c21); if (TN.Count > 2) c22 = Avx512F.FusedMultiplyAdd(x, b2, c22); if (TN.Count > 3) c23 = Avx512F.FusedMultiplyAdd(x, b3, c23); }
            if (TM.Count > 3) { x = Vector512.Load(a + 3 * lda + l); c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); if (TN.Count > 1) c31 = Avx512F.FusedMultiplyAdd(x, b1, c31); if (TN.Count > 2) c32 = Avx512F.FusedMultiplyAdd(x, b2, c32); if (TN.Count > 3) c33 = Avx512F.FusedMultiplyAdd(x, b3, c33); }
            if (TM.Count > 4) { x = Vector512.Load(a + 4 * lda + l); c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); if (TN.Count > 1) c41 = Avx512F.FusedMultiplyAdd(x, b1, c41); if (TN.Count > 2) c42 = Avx512F.FusedMultiplyAdd(x, b2, c42); if (TN.Count > 3) c43 = Avx512F.FusedMultiplyAdd(x, b3, c43); }
            if (TM.Count > 5) { x = Vector512.Load(a + 5 * lda + l); c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); if (TN.Count > 1) c51 = Avx512F.FusedMultiplyAdd(x, b1, c51); if (TN.Count > 2) c52 = Avx512F.FusedMultiplyAdd(x, b2, c52); if (TN.Count > 3) c53 = Avx512F.FusedMultiplyAdd(x, b3, c53); }
        }
        if (l < length)
        {
            var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(length - l)).AsSingle();
            b0 = Avx512F.MaskLoad(b + 0 * ldb + l, mask, Vector512<float>.Zero);
            if (TN.Count > 1) b1 = Avx512F.MaskLoad(b + 1 * ldb + l, mask, Vector512<float>.Zero);
            if (TN.Count > 2) b2 = Avx512F.MaskLoad(b + 2 * ldb + l, mask, Vector512<float>.Zero);
            if (TN.Count > 3) b3 = Avx512F.MaskLoad(b + 3 * ldb + l, mask, Vector512<float>.Zero);
            { x = Avx512F.MaskLoad(a + 0 * lda + l, mask, Vector512<float>.Zero); c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); if (TN.Count > 1) c01 = Avx512F.FusedMultiplyAdd(x, b1, c01); if (TN.Count > 2) c02 = Avx512F.FusedMultiplyAdd(x, b2, c02); if (TN.Count > 3) c03 = Avx512F.FusedMultiplyAdd(x, b3, c03); }
            if (TM.Count > 1) { x = Avx512F.MaskLoad(a + 1 * lda + l, mask, Vector512<float>.Zero); c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); if (TN.Count > 1) c11 = Avx512F.FusedMultiplyAdd(x, b1, c11); if (TN.Count > 2) c12 = Avx512F.FusedMultiplyAdd(x, b2, c12); if (TN.Count > 3) c13 = Avx512F.FusedMultiplyAdd(x, b3, c13); }
            if (TM.Count > 2) { x = Avx512F.MaskLoad(a + 2 * lda + l, mask, Vector512<float>.Zero); c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); if (TN.Count > 1) c21 = Avx512F.FusedMultiplyAdd(x, b1, c21); if (TN.Count > 2) c22 = Avx512F.FusedMultiplyAdd(x, b2, c22); if (TN.Count > 3) c23 = Avx512F.FusedMultiplyAdd(x, b3, c23); }
            if (TM.Count > 3) { x = Avx512F.MaskLoad(a + 3 * lda + l, mask, Vector512<float>.Zero); c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); if (TN.Count > 1) c31 = Avx512F.FusedMultiplyAdd(x, b1, c31); if (TN.Count > 2) c32 = Avx512F.FusedMultiplyAdd(x, b2, c32); if (TN.Count > 3) c33 = Avx512F.FusedMultiplyAdd(x, b3, c33); }
            if (TM.Count > 4) { x = Avx512F.MaskLoad(a + 4 * lda + l, mask, Vector512<float>.Zero); c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); if (TN.Count > 1) c41 = Avx512F.FusedMultiplyAdd(x, b1, c41); if (TN.Count > 2) c42 = Avx512F.FusedMultiplyAdd(x, b2, c42); if (TN.Count > 3) c43 = Avx512F.FusedMultiplyAdd(x, b3, c43); }
            if (TM.Count > 5) { x = Avx512F.MaskLoad(a + 5 * lda + l, mask, Vector512<float>.Zero); c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); if (TN.Count > 1) c51 = Avx512F.FusedMultiplyAdd(x, b1, c51); if (TN.Count > 2) c52 = Avx512F.FusedMultiplyAdd(x, b2, c52); if (TN.Count > 3) c53 = Avx512F.FusedMultiplyAdd(x, b3, c53); }
        }
        { Put(c + 0 * ldc + 0, c00, accumulate); if (TN.Count > 1) Put(c + 0 * ldc + 1, c01, accumulate); if (TN.Count > 2) Put(c + 0 * ldc + 2, c02, accumulate); if (TN.Count > 3) Put(c + 0 * ldc + 3, c03, accumulate); }
        if (TM.Count > 1) { Put(c + 1 * ldc + 0, c10, accumulate); if (TN.Count > 1) Put(c + 1 * ldc + 1, c11, accumulate); if (TN.Count > 2) Put(c + 1 * ldc + 2, c12, accumulate); if (TN.Count > 3) Put(c + 1 * ldc + 3, c13, accumulate); }
        if (TM.Count > 2) { Put(c + 2 * ldc + 0, c20, accumulate); if (TN.Count > 1) Put(c + 2 * ldc + 1, c21, accumulate); if (TN.Count > 2) Put(c + 2 * ldc + 2, c22, accumulate); if (TN.Count > 3) Put(c + 2 * ldc + 3, c23, accumulate); }
        if (TM.Count > 3) { Put(c + 3 * ldc + 0, c30, accumulate); if (TN.Count > 1) Put(c + 3 * ldc + 1, c31, accumulate); if (TN.Count > 2) Put(c + 3 * ldc + 2, c32, accumulate); if (TN.Count > 3) Put(c + 3 * ldc + 3, c33, accumulate); }
        if (TM.Count > 4) { Put(c + 4 * ldc + 0, c40, accumulate); if (TN.Count > 1) Put(c + 4 * ldc + 1, c41, accumulate); if (TN.Count > 2) Put(c + 4 * ldc + 2, c42, accumulate); if (TN.Count > 3) Put(c + 4 * ldc + 3, c43, accumulate); }
        if (TM.Count > 5) { Put(c + 5 * ldc + 0, c50, accumulate); if (TN.Count > 1) Put(c + 5 * ldc + 1, c51, accumulate); if (TN.Count > 2) Put(c + 5 * ldc + 2, c52, accumulate); if (TN.Count > 3) Put(c + 5 * ldc + 3, c53, accumulate); }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(float* c, Vector512<float> sum, bool accumulate) =>
        *c = accumulate ? *c + Vector512.Sum(sum) : Vector512.Sum(sum);

    private interface ICount { static abstract int Count { get; } }

    private struct M1 : ICount { public static int Count => 1; }
    private struct M2 : ICount { public static int Count => 2; }
    private struct M3 : ICount { public static int Count => 3; }
    private struct M4 : ICount { public static int Count => 4; }
    private struct M5 : ICount { public static int Count => 5; }
    private struct M6 : ICount { public static int Count => 6; }

    private struct N1 : ICount { public static int Count => 1; }
    private struct N2 : ICount { public static int Count => 2; }
    private struct N3 : ICount { public static int Count => 3; }
    private struct N4 : ICount { public static int Count => 4; }
}
