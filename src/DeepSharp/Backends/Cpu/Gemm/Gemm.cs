namespace DeepSharp.Backends.Cpu;

/// <summary>
/// General matrix multiplication on row-major storage:
/// C(m x n) = alpha * op(A)(m x k) * op(B)(k x n) + beta * C, where op(X) is X or its transpose.
/// </summary>
/// <remarks>
/// A is stored (m x k) with lda &gt;= k, or (k x m) with lda &gt;= m when <c>transA</c>;
/// B is stored (k x n) with ldb &gt;= n, or (n x k) with ldb &gt;= k when <c>transB</c>;
/// C is (m x n) with ldc &gt;= n. Leading dimensions count elements.
/// As in BLAS, beta == 0 overwrites C (NaN in the old C does not propagate) and alpha == 0
/// does not read A or B.
/// </remarks>
internal static partial class Gemm
{
    /// <summary>Single-precision GEMM: C = alpha * op(A) * op(B) + beta * C.</summary>
    /// <param name="transA">Use A transposed: A is stored (k x m).</param>
    /// <param name="transB">Use B transposed: B is stored (n x k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">Storage of A.</param>
    /// <param name="lda">Leading dimension (row stride) of A in elements.</param>
    /// <param name="b">Storage of B.</param>
    /// <param name="ldb">Leading dimension (row stride) of B in elements.</param>
    /// <param name="beta">Scale of the old C; 0 overwrites C.</param>
    /// <param name="c">Storage of C, updated in place.</param>
    /// <param name="ldc">Leading dimension (row stride) of C in elements.</param>
    /// <exception cref="ArgumentException">A dimension is negative, a leading dimension is smaller
    /// than its row length, or a span is too short for its matrix.</exception>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        SgemmCore(transA, transB, m, n, k, alpha, a, lda, b, ldb, null, beta, c, ldc, default, Activation.None, Parallelism.MaxThreads, null);
    }

    /// <summary>Double-precision GEMM: C = alpha * op(A) * op(B) + beta * C (same conventions as
    /// <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>). Meant for gradient checking: correct and reasonably fast.</summary>
    /// <param name="transA">Use A transposed: A is stored (k x m).</param>
    /// <param name="transB">Use B transposed: B is stored (n x k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">Storage of A.</param>
    /// <param name="lda">Leading dimension (row stride) of A in elements.</param>
    /// <param name="b">Storage of B.</param>
    /// <param name="ldb">Leading dimension (row stride) of B in elements.</param>
    /// <param name="beta">Scale of the old C; 0 overwrites C.</param>
    /// <param name="c">Storage of C, updated in place.</param>
    /// <param name="ldc">Leading dimension (row stride) of C in elements.</param>
    /// <exception cref="ArgumentException">A dimension is negative, a leading dimension is smaller
    /// than its row length, or a span is too short for its matrix.</exception>
    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        GemmDouble.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>The scalar reference SGEMM: a plain triple loop accumulating each element of
    /// op(A) * op(B) in float, in increasing k order. Slow; the oracle the fast kernels are tested
    /// against. Same conventions and exceptions as <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>.</summary>
    /// <param name="transA">Use A transposed: A is stored (k x m).</param>
    /// <param name="transB">Use B transposed: B is stored (n x k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">Storage of A.</param>
    /// <param name="lda">Leading dimension (row stride) of A in elements.</param>
    /// <param name="b">Storage of B.</param>
    /// <param name="ldb">Leading dimension (row stride) of B in elements.</param>
    /// <param name="beta">Scale of the old C; 0 overwrites C.</param>
    /// <param name="c">Storage of C, updated in place.</param>
    /// <param name="ldc">Leading dimension (row stride) of C in elements.</param>
    public static void SgemmReference(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                if (alpha != 0f)
                {
                    for (int p = 0; p < k; p++)
                    {
                        float aip = transA ? a[p * lda + i] : a[i * lda + p];
                        float bpj = transB ? b[j * ldb + p] : b[p * ldb + j];
                        sum += aip * bpj;
                    }
                }
                ref float cij = ref c[i * ldc + j];
                cij = beta == 0f ? alpha * sum : alpha * sum + beta * cij;
            }
        }
    }
}
