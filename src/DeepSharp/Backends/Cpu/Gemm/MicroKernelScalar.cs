using System.Runtime.CompilerServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The portable SGEMM micro-kernel for machines without AVX2/AVX-512: a 4 x 4 tile of C in scalar
/// locals. It rounds exactly like the SIMD kernels (one fused multiply-add chain per element,
/// k ascending), so every kernel gives bit-identical results.
/// </summary>
internal static unsafe class MicroKernelScalar
{
    /// <summary>Rows of the register tile.</summary>
    public const int Mr = 4;

    /// <summary>Columns of the register tile.</summary>
    public const int Nr = 4;

    /// <summary>acc = sum of a[p*aStride + i] * b[p*bStride + j] (one FMA chain per element), then
    /// C = alpha * acc when beta == 0, else fma(alpha, acc, beta * C). Always the full tile:
    /// rows and cols are ignored (edge tiles go through scratch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc, float alpha, float beta,
        int rows, int cols)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            float x = a[0];
            c00 = MathF.FusedMultiplyAdd(x, b0, c00); c01 = MathF.FusedMultiplyAdd(x, b1, c01);
            c02 = MathF.FusedMultiplyAdd(x, b2, c02); c03 = MathF.FusedMultiplyAdd(x, b3, c03);
            x = a[1];
            c10 = MathF.FusedMultiplyAdd(x, b0, c10); c11 = MathF.FusedMultiplyAdd(x, b1, c11);
            c12 = MathF.FusedMultiplyAdd(x, b2, c12); c13 = MathF.FusedMultiplyAdd(x, b3, c13);
            x = a[2];
            c20 = MathF.FusedMultiplyAdd(x, b0, c20); c21 = MathF.FusedMultiplyAdd(x, b1, c21);
            c22 = MathF.FusedMultiplyAdd(x, b2, c22); c23 = MathF.FusedMultiplyAdd(x, b3, c23);
            x = a[3];
            c30 = MathF.FusedMultiplyAdd(x, b0, c30); c31 = MathF.FusedMultiplyAdd(x, b1, c31);
            c32 = MathF.FusedMultiplyAdd(x, b2, c32); c33 = MathF.FusedMultiplyAdd(x, b3, c33);
            a += aStride;
            b += bStride;
        }
        StoreRow(c, c00, c01, c02, c03, alpha, beta);
        StoreRow(c + ldc, c10, c11, c12, c13, alpha, beta);
        StoreRow(c + 2 * ldc, c20, c21, c22, c23, alpha, beta);
        StoreRow(c + 3 * ldc, c30, c31, c32, c33, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, float v0, float v1, float v2, float v3, float alpha, float beta)
    {
        c[0] = Combine(v0, c[0], alpha, beta);
        c[1] = Combine(v1, c[1], alpha, beta);
        c[2] = Combine(v2, c[2], alpha, beta);
        c[3] = Combine(v3, c[3], alpha, beta);
    }

    /// <summary>The store rule every kernel and the edge copy-out share: alpha * acc when beta == 0
    /// (old C ignored, so NaN there vanishes), else fma(alpha, acc, beta * old).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Combine(float acc, float old, float alpha, float beta) =>
        beta == 0f ? alpha * acc : MathF.FusedMultiplyAdd(alpha, acc, beta * old);
}
