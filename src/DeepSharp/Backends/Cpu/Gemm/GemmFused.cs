namespace DeepSharp.Backends.Cpu;

internal static partial class Gemm
{
    /// <summary>Packs op(B) (k x n) once for repeated products with
    /// <see cref="Sgemm(bool, int, float, ReadOnlySpan{float}, int, PackedMatrix, float, Span{float}, int)"/>.</summary>
    /// <param name="transB">Use B transposed: B is stored (n x k) with ldb &gt;= k.</param>
    /// <param name="k">Rows of op(B).</param>
    /// <param name="n">Columns of op(B).</param>
    /// <param name="b">Storage of B.</param>
    /// <param name="ldb">Leading dimension (row stride) of B in elements.</param>
    /// <returns>A packed copy of op(B); later changes to <paramref name="b"/> are not seen.</returns>
    /// <exception cref="ArgumentException">A dimension is negative, ldb is too small or b too short.</exception>
    public static unsafe PackedMatrix PackB(bool transB, int k, int n, ReadOnlySpan<float> b, int ldb)
    {
        if (k < 0) throw new ArgumentException($"PackB dimension k must be non-negative, got {k}.", nameof(k));
        if (n < 0) throw new ArgumentException($"PackB dimension n must be non-negative, got {n}.", nameof(n));
        GemmValidation.CheckMatrix("b", "ldb", transB ? "B (n x k, transposed)" : "B (k x n)",
            transB ? n : k, transB ? k : n, b.Length, ldb);
        fixed (float* pb = b) return new PackedMatrix(MicroKernel.Best, transB, k, n, pb, ldb);
    }

    /// <summary>SGEMM with a pre-packed right-hand side: C(m x n) = alpha * op(A) * B + beta * C,
    /// where B is <paramref name="b"/> (k x n). Same conventions as
    /// <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>.</summary>
    /// <param name="transA">Use A transposed: A is stored (k x m).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">Storage of A.</param>
    /// <param name="lda">Leading dimension of A in elements.</param>
    /// <param name="b">The packed right-hand operand; it fixes k and n.</param>
    /// <param name="beta">Scale of the old C; 0 overwrites C.</param>
    /// <param name="c">Storage of C, updated in place.</param>
    /// <param name="ldc">Leading dimension of C in elements.</param>
    public static void Sgemm(bool transA, int m, float alpha, ReadOnlySpan<float> a, int lda,
        PackedMatrix b, float beta, Span<float> c, int ldc) =>
        SgemmBiasAct(transA, m, alpha, a, lda, b, beta, c, ldc, default, Activation.None);

    /// <summary>Fused Linear: C = act(alpha * op(A) * op(B) + beta * C + bias), with the bias
    /// (one value per column) and the activation applied as C is written, in the same pass.</summary>
    /// <param name="transA">Use A transposed: A is stored (k x m).</param>
    /// <param name="transB">Use B transposed: B is stored (n x k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">Storage of A.</param>
    /// <param name="lda">Leading dimension of A in elements.</param>
    /// <param name="b">Storage of B.</param>
    /// <param name="ldb">Leading dimension of B in elements.</param>
    /// <param name="beta">Scale of the old C; 0 overwrites C.</param>
    /// <param name="c">Storage of C, updated in place.</param>
    /// <param name="ldc">Leading dimension of C in elements.</param>
    /// <param name="bias">Per-column bias of length n, or empty for none.</param>
    /// <param name="activation">Activation applied last.</param>
    /// <exception cref="ArgumentException">As for Sgemm, or bias is neither empty nor of length n.</exception>
    public static void SgemmBiasAct(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        ReadOnlySpan<float> bias, Activation activation)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        CheckEpilogue(n, bias, activation);
        SgemmCore(transA, transB, m, n, k, alpha, a, lda, b, ldb, null, beta, c, ldc, bias, activation, Parallelism.MaxThreads, null);
    }

    /// <summary>Fused Linear with pre-packed weights: C = act(alpha * op(A) * B + beta * C + bias).</summary>
    /// <param name="transA">Use A transposed: A is stored (k x m).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">Storage of A.</param>
    /// <param name="lda">Leading dimension of A in elements.</param>
    /// <param name="b">The packed right-hand operand; it fixes k and n.</param>
    /// <param name="beta">Scale of the old C; 0 overwrites C.</param>
    /// <param name="c">Storage of C, updated in place.</param>
    /// <param name="ldc">Leading dimension of C in elements.</param>
    /// <param name="bias">Per-column bias of length n, or empty for none.</param>
    /// <param name="activation">Activation applied last.</param>
    /// <exception cref="ArgumentException">A or C do not fit, or bias is neither empty nor of length n.</exception>
    public static void SgemmBiasAct(bool transA, int m, float alpha, ReadOnlySpan<float> a, int lda,
        PackedMatrix b, float beta, Span<float> c, int ldc, ReadOnlySpan<float> bias, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(b);
        int k = b.Rows, n = b.Columns;
        if (m < 0) throw new ArgumentException($"GEMM dimension m must be non-negative, got {m}.", nameof(m));
        GemmValidation.CheckMatrix("a", "lda", transA ? "A (k x m, transposed)" : "A (m x k)",
            transA ? k : m, transA ? m : k, a.Length, lda);
        GemmValidation.CheckMatrix("c", "ldc", "C (m x n)", m, n, c.Length, ldc);
        CheckEpilogue(n, bias, activation);
        SgemmCore(transA, false, m, n, k, alpha, a, lda, default, 0, b, beta, c, ldc, bias, activation, Parallelism.MaxThreads, null);
    }

    private static void CheckEpilogue(int n, ReadOnlySpan<float> bias, Activation activation)
    {
        if (!bias.IsEmpty && bias.Length != n)
            throw new ArgumentException($"Bias must be empty or hold one value per column ({n}), got {bias.Length}.", nameof(bias));
        if (!Enum.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
    }
}
