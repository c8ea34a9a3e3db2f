namespace DeepSharp.Backends.Cpu;

/// <summary>Argument checks shared by every GEMM entry point.</summary>
internal static class GemmValidation
{
    /// <summary>Throws when a dimension, leading dimension or span length cannot describe the
    /// product C(m x n) = op(A)(m x k) * op(B)(k x n) in row-major storage.</summary>
    public static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0) throw new ArgumentException($"GEMM dimension m must be non-negative, got {m}.", nameof(m));
        if (n < 0) throw new ArgumentException($"GEMM dimension n must be non-negative, got {n}.", nameof(n));
        if (k < 0) throw new ArgumentException($"GEMM dimension k must be non-negative, got {k}.", nameof(k));
        // Stored shapes: A is (m x k) or, transposed, (k x m); B is (k x n) or (n x k).
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        CheckMatrix("a", "lda", transA ? "A (k x m, transposed)" : "A (m x k)", aRows, aCols, aLength, lda);
        CheckMatrix("b", "ldb", transB ? "B (n x k, transposed)" : "B (k x n)", bRows, bCols, bLength, ldb);
        CheckMatrix("c", "ldc", "C (m x n)", m, n, cLength, ldc);
    }

    /// <summary>Checks one row-major matrix of <paramref name="rows"/> x <paramref name="cols"/>
    /// with leading dimension <paramref name="ld"/> stored in <paramref name="length"/> elements.</summary>
    public static void CheckMatrix(string spanName, string ldName, string what, int rows, int cols, int length, int ld)
    {
        if (ld < cols || ld < 0)
            throw new ArgumentException(
                $"Leading dimension {ldName} of {what} must be at least {cols} (its column count), got {ld}.", ldName);
        long needed = RequiredLength(rows, cols, ld);
        if (length < needed)
            throw new ArgumentException(
                $"Span {spanName} holding {what} with {rows} rows, {cols} columns and {ldName} = {ld} needs at least {needed} elements, got {length}.",
                spanName);
    }

    /// <summary>Elements spanned by a row-major matrix: (rows - 1) * ld + cols, or 0 when empty.</summary>
    public static long RequiredLength(int rows, int cols, int ld) =>
        rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
}
