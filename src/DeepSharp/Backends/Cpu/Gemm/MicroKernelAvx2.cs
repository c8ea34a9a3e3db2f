using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The AVX2 + FMA SGEMM micro-kernel, for machines without AVX-512: a 6 x 16 tile of C in 12 ymm
/// accumulators; with two B vectors and one broadcast it uses 15 of the 16 ymm registers.
/// Same contract and rounding as <see cref="MicroKernelAvx512.Compute{T}"/>.
/// </summary>
internal static unsafe class MicroKernelAvx2
{
    /// <summary>Rows of the register tile.</summary>
    public const int Mr = 6;

    /// <summary>Columns of the register tile (two Vector256).</summary>
    public const int Nr = 16;

    /// <summary>acc = sum of a[p*aStride + i] * b[p*bStride + j] (one FMA chain per element), then
    /// C = alpha * acc when beta == 0, else fma(alpha, acc, beta * C). Always the full tile:
    /// rows and cols are ignored (edge tiles go through scratch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc, float alpha, float beta,
        int rows, int cols)
    {
        Vector256<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default;
        Vector256<float> c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            Vector256<float> x;
            x = Vector256.Create(a[0]); c0a = Fma.MultiplyAdd(x, b0, c0a); c0b = Fma.MultiplyAdd(x, b1, c0b);
            x = Vector256.Create(a[1]); c1a = Fma.MultiplyAdd(x, b0, c1a); c1b = Fma.MultiplyAdd(x, b1, c1b);
            x = Vector256.Create(a[2]); c2a = Fma.MultiplyAdd(x, b0, c2a); c2b = Fma.MultiplyAdd(x, b1, c2b);
            x = Vector256.Create(a[3]); c3a = Fma.MultiplyAdd(x, b0, c3a); c3b = Fma.MultiplyAdd(x, b1, c3b);
            x = Vector256.Create(a[4]); c4a = Fma.MultiplyAdd(x, b0, c4a); c4b = Fma.MultiplyAdd(x, b1, c4b);
            x = Vector256.Create(a[5]); c5a = Fma.MultiplyAdd(x, b0, c5a); c5b = Fma.MultiplyAdd(x, b1, c5b);
            a += aStride;
            b += bStride;
        }
        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(beta);
        StoreRow(c + 0 * ldc, c0a, c0b, va, beta, vb);
        StoreRow(c + 1 * ldc, c1a, c1b, va, beta, vb);
        StoreRow(c + 2 * ldc, c2a, c2b, va, beta, vb);
        StoreRow(c + 3 * ldc, c3a, c3b, va, beta, vb);
        StoreRow(c + 4 * ldc, c4a, c4b, va, beta, vb);
        StoreRow(c + 5 * ldc, c5a, c5b, va, beta, vb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector256<float> lo, Vector256<float> hi,
        Vector256<float> alpha, float beta, Vector256<float> vbeta)
    {
        if (beta == 0f)
        {
            Vector256.Store(alpha * lo, c);
            Vector256.Store(alpha * hi, c + 8);
        }
        else
        {
            Vector256.Store(Fma.MultiplyAdd(alpha, lo, vbeta * Vector256.Load(c)), c);
            Vector256.Store(Fma.MultiplyAdd(alpha, hi, vbeta * Vector256.Load(c + 8)), c + 8);
        }
    }
}
