using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSharp.Kernels;

/// <summary>
/// The AVX-512 SGEMM micro-kernel: a 12 x 32 tile of C held in 24 zmm accumulators
/// (two 16-float vectors per row), fed per k step by two vector loads of packed B and 12
/// broadcasts of packed A. With the two B vectors and the broadcast that is 27 of 32 zmm registers.
/// </summary>
internal static unsafe class MicroKernelAvx512
{
    /// <summary>Rows of the register tile.</summary>
    public const int Mr = 12;

    /// <summary>Columns of the register tile (two Vector512).</summary>
    public const int Nr = 32;

    /// <summary>
    /// Computes acc = sum over p &lt; kc of a[p*Mr + i] * b[p*Nr + j] as one FMA chain per element
    /// (p ascending), then writes C[i*ldc + j] = alpha * acc when beta == 0, else
    /// fma(alpha, acc, beta * C).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default;
        Vector512<float> c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default;
        Vector512<float> c6a = default, c6b = default, c7a = default, c7b = default, c8a = default, c8b = default;
        Vector512<float> c9a = default, c9b = default, c10a = default, c10b = default, c11a = default, c11b = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            Vector512<float> x;
            x = Vector512.Create(a[0]); c0a = Avx512F.FusedMultiplyAdd(x, b0, c0a); c0b = Avx512F.FusedMultiplyAdd(x, b1, c0b);
            x = Vector512.Create(a[1]); c1a = Avx512F.FusedMultiplyAdd(x, b0, c1a); c1b = Avx512F.FusedMultiplyAdd(x, b1, c1b);
            x = Vector512.Create(a[2]); c2a = Avx512F.FusedMultiplyAdd(x, b0, c2a); c2b = Avx512F.FusedMultiplyAdd(x, b1, c2b);
            x = Vector512.Create(a[3]); c3a = Avx512F.FusedMultiplyAdd(x, b0, c3a); c3b = Avx512F.FusedMultiplyAdd(x, b1, c3b);
            x = Vector512.Create(a[4]); c4a = Avx512F.FusedMultiplyAdd(x, b0, c4a); c4b = Avx512F.FusedMultiplyAdd(x, b1, c4b);
            x = Vector512.Create(a[5]); c5a = Avx512F.FusedMultiplyAdd(x, b0, c5a); c5b = Avx512F.FusedMultiplyAdd(x, b1, c5b);
            x = Vector512.Create(a[6]); c6a = Avx512F.FusedMultiplyAdd(x, b0, c6a); c6b = Avx512F.FusedMultiplyAdd(x, b1, c6b);
            x = Vector512.Create(a[7]); c7a = Avx512F.FusedMultiplyAdd(x, b0, c7a); c7b = Avx512F.FusedMultiplyAdd(x, b1, c7b);
            x = Vector512.Create(a[8]); c8a = Avx512F.FusedMultiplyAdd(x, b0, c8a); c8b = Avx512F.FusedMultiplyAdd(x, b1, c8b);
            x = Vector512.Create(a[9]); c9a = Avx512F.FusedMultiplyAdd(x, b0, c9a); c9b = Avx512F.FusedMultiplyAdd(x, b1, c9b);
            x = Vector512.Create(a[10]); c10a = Avx512F.FusedMultiplyAdd(x, b0, c10a); c10b = Avx512F.FusedMultiplyAdd(x, b1, c10b);
            x = Vector512.Create(a[11]); c11a = Avx512F.FusedMultiplyAdd(x, b0, c11a); c11b = Avx512F.FusedMultiplyAdd(x, b1, c11b);
            a += Mr;
            b += Nr;
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        StoreRow(c + 0 * ldc, c0a, c0b, va, beta, vb);
        StoreRow(c + 1 * ldc, c1a, c1b, va, beta, vb);
        StoreRow(c + 2 * ldc, c2a, c2b, va, beta, vb);
        StoreRow(c + 3 * ldc, c3a, c3b, va, beta, vb);
        StoreRow(c + 4 * ldc, c4a, c4b, va, beta, vb);
        StoreRow(c + 5 * ldc, c5a, c5b, va, beta, vb);
        StoreRow(c + 6 * ldc, c6a, c6b, va, beta, vb);
        StoreRow(c + 7 * ldc, c7a, c7b, va, beta, vb);
        StoreRow(c + 8 * ldc, c8a, c8b, va, beta, vb);
        StoreRow(c + 9 * ldc, c9a, c9b, va, beta, vb);
        StoreRow(c + 10 * ldc, c10a, c10b, va, beta, vb);
        StoreRow(c + 11 * ldc, c11a, c11b, va, beta, vb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector512<float> lo, Vector512<float> hi,
        Vector512<float> alpha, float beta, Vector512<float> vbeta)
    {
        if (beta == 0f)
        {
            Vector512.Store(alpha * lo, c);
            Vector512.Store(alpha * hi, c + 16);
        }
        else
        {
            Vector512.Store(Avx512F.FusedMultiplyAdd(alpha, lo, vbeta * Vector512.Load(c)), c);
            Vector512.Store(Avx512F.FusedMultiplyAdd(alpha, hi, vbeta * Vector512.Load(c + 16)), c + 16);
        }
    }
}
