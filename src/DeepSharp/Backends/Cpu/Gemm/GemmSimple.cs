using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// A straightforward, cache-friendly GEMM over <see cref="Vector{T}"/> for any floating type:
/// row-wise AXPY form when B is not transposed, dot-product form when it is. Used for
/// <see cref="Gemm.Dgemm"/> and for problems too small to repay packing.
/// Arguments are assumed validated.
/// </summary>
internal static class GemmSimple
{
    /// <summary>Rows of B (the k dimension) processed per pass, so the touched B rows stay in cache.</summary>
    private const int KBlock = 128;

    public static void Run<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        ScaleC(m, n, beta, c, ldc);
        if (k == 0 || alpha == T.Zero) return;
        if (!transB)
            RunAxpy(transA, m, n, k, alpha, a, lda, b, ldb, c, ldc);
        else
            RunDot(transA, m, n, k, alpha, a, lda, b, ldb, c, ldc);
    }

    /// <summary>C = beta * C, where beta == 0 overwrites (so NaN or infinity in old C vanish, as in BLAS).</summary>
    private static void ScaleC<T>(int m, int n, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.One) return;
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * ldc, n);
            if (beta == T.Zero) row.Clear();
            else for (int j = 0; j < row.Length; j++) row[j] *= beta;
        }
    }

    // C[i, :] += (alpha * op(A)[i, p]) * B[p, :], blocked over p.
    private static void RunAxpy<T>(bool transA, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p0 = 0; p0 < k; p0 += KBlock)
        {
            int pEnd = Math.Min(k, p0 + KBlock);
            for (int i = 0; i < m; i++)
            {
                Span<T> cRow = c.Slice(i * ldc, n);
                for (int p = p0; p < pEnd; p++)
                {
                    T aip = alpha * (transA ? a[p * lda + i] : a[i * lda + p]);
                    Axpy(aip, b.Slice(p * ldb, n), cRow);
                }
            }
        }
    }

    // C[i, j] += alpha * dot(op(A)[i, :], B[j, :]); a transposed A row is gathered first.
    private static void RunDot<T>(bool transA, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A transposed row is gathered once per row of C: on the stack when small, else pooled.
        T[]? rented = transA && k > 256 ? System.Buffers.ArrayPool<T>.Shared.Rent(k) : null;
        Span<T> gathered = !transA ? default : rented is not null ? rented.AsSpan(0, k) : stackalloc T[k];
        for (int i = 0; i < m; i++)
        {
            if (transA)
                for (int p = 0; p < k; p++) gathered[p] = a[p * lda + i];
            ReadOnlySpan<T> aRow = transA ? gathered : a.Slice(i * lda, k);
            Span<T> cRow = c.Slice(i * ldc, n);
            for (int j = 0; j < n; j++) cRow[j] += alpha * Dot(aRow, b.Slice(j * ldb, k));
        }
        if (rented is not null) System.Buffers.ArrayPool<T>.Shared.Return(rented);
    }

    private static void Axpy<T>(T scale, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var s = new Vector<T>(scale);
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T yr = ref MemoryMarshal.GetReference(y);
            for (; j <= x.Length - Vector<T>.Count; j += Vector<T>.Count)
            {
                var yv = Vector.LoadUnsafe(ref yr, (nuint)j);
                var xv = Vector.LoadUnsafe(ref xr, (nuint)j);
                (yv + s * xv).StoreUnsafe(ref yr, (nuint)j);
            }
        }
        for (; j < x.Length; j++) y[j] += scale * x[j];
    }

    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var acc = Vector<T>.Zero;
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T yr = ref MemoryMarshal.GetReference(y);
            for (; j <= x.Length - Vector<T>.Count; j += Vector<T>.Count)
                acc += Vector.LoadUnsafe(ref xr, (nuint)j) * Vector.LoadUnsafe(ref yr, (nuint)j);
            sum = Vector.Sum(acc);
        }
        for (; j < x.Length; j++) sum += x[j] * y[j];
        return sum;
    }
}
