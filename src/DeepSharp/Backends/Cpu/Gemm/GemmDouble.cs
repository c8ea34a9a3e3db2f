using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Double-precision GEMM for gradient checking: 4 rows x 8 columns of C in eight Vector256
/// accumulators, B rows read in place (B^T is first copied, row-major, into a pooled buffer),
/// scalar tails. Not cache-blocked: the products it serves are small. Arguments are assumed valid.
/// </summary>
internal static unsafe class GemmDouble
{
    private const int Rows = 4, Cols = 8;

    public static void Run(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            GemmSimple.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        if (m == 0 || n == 0) return;
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0) row.Clear();
            else if (beta != 1) for (int j = 0; j < n; j++) row[j] *= beta;
        }
        if (k == 0 || alpha == 0) return;

        double[]? rented = null;
        if (transB)
        {
            // op(B) = B^T as a row-major k x n copy, so its rows are contiguous.
            rented = ArrayPool<double>.Shared.Rent(k * n);
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++) rented[p * n + j] = b[j * ldb + p];
            b = rented.AsSpan(0, k * n);
            ldb = n;
        }
        fixed (double* pa = a, pb = b, pc = c)
        {
            // op(A)[i, p] = pa[i * rowStep + p * colStep].
            nint rowStep = transA ? 1 : lda, colStep = transA ? lda : 1;
            int i = 0;
            for (; i + Rows <= m; i += Rows)
                RowBlock(Rows, pa + i * rowStep, rowStep, colStep, pb, ldb, pc + (nint)i * ldc, ldc, n, k, alpha);
            for (; i < m; i++)
                RowBlock(1, pa + i * rowStep, rowStep, colStep, pb, ldb, pc + (nint)i * ldc, ldc, n, k, alpha);
        }
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
    }

    /// <summary>C[r, :] += alpha * sum_p op(A)[r, p] * B[p, :] for r &lt; rows (1 or 4).</summary>
    private static void RowBlock(int rows, double* a, nint rowStep, nint colStep, double* b, nint ldb,
        double* c, nint ldc, int n, int k, double alpha)
    {
        int j = 0;
        for (; j + Cols <= n; j += Cols)
        {
            if (rows == Rows) Tile4(a, rowStep, colStep, b + j, ldb, c + j, ldc, k, alpha);
            else Tile1(a, colStep, b + j, ldb, c + j, k, alpha);
        }
        for (; j < n; j++)
            for (int r = 0; r < rows; r++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += a[r * rowStep + p * colStep] * b[p * ldb + j];
                c[r * ldc + j] += alpha * sum;
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4(double* a, nint rowStep, nint colStep, double* b, nint ldb, double* c, nint ldc, int k, double alpha)
    {
        Vector256<double> c0a = default, c0b = default, c1a = default, c1b = default;
        Vector256<double> c2a = default, c2b = default, c3a = default, c3b = default;
        double* a1 = a + rowStep, a2 = a + 2 * rowStep, a3 = a + 3 * rowStep;
        for (int p = 0; p < k; p++)
        {
            nint o = p * colStep;
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 4);
            var x = Vector256.Create(a[o]); c0a = Vector256.FusedMultiplyAdd(x, b0, c0a); c0b = Vector256.FusedMultiplyAdd(x, b1, c0b);
            x = Vector256.Create(a1[o]); c1a = Vector256.FusedMultiplyAdd(x, b0, c1a); c1b = Vector256.FusedMultiplyAdd(x, b1, c1b);
            x = Vector256.Create(a2[o]); c2a = Vector256.FusedMultiplyAdd(x, b0, c2a); c2b = Vector256.FusedMultiplyAdd(x, b1, c2b);
            x = Vector256.Create(a3[o]); c3a = Vector256.FusedMultiplyAdd(x, b0, c3a); c3b = Vector256.FusedMultiplyAdd(x, b1, c3b);
            b += ldb;
        }
        var va = Vector256.Create(alpha);
        Add(c, c0a, c0b, va);
        Add(c + ldc, c1a, c1b, va);
        Add(c + 2 * ldc, c2a, c2b, va);
        Add(c + 3 * ldc, c3a, c3b, va);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1(double* a, nint colStep, double* b, nint ldb, double* c, int k, double alpha)
    {
        Vector256<double> lo = default, hi = default;
        for (int p = 0; p < k; p++, b += ldb)
        {
            var x = Vector256.Create(a[p * colStep]);
            lo = Vector256.FusedMultiplyAdd(x, Vector256.Load(b), lo);
            hi = Vector256.FusedMultiplyAdd(x, Vector256.Load(b + 4), hi);
        }
        Add(c, lo, hi, Vector256.Create(alpha));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(double* c, Vector256<double> lo, Vector256<double> hi, Vector256<double> alpha)
    {
        Vector256.Store(Vector256.FusedMultiplyAdd(alpha, lo, Vector256.Load(c)), c);
        Vector256.Store(Vector256.FusedMultiplyAdd(alpha, hi, Vector256.Load(c + 4)), c + 4);
    }
}
