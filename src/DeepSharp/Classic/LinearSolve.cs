namespace DeepSharp.Classic;

/// <summary>Dense linear solves in double precision for the small systems of the classic networks.</summary>
internal static class LinearSolve
{
    /// <summary>Solves A X = B in place by Gaussian elimination with partial pivoting:
    /// A (n, n) is destroyed, B (n, m) is replaced by X.</summary>
    /// <exception cref="InvalidOperationException">A is singular (to working precision).</exception>
    public static void SolveInPlace(double[] a, double[] b, int n, int m)
    {
        double scale = 0;
        foreach (double v in a.AsSpan(0, n * n)) scale = Math.Max(scale, Math.Abs(v));
        double tiny = Math.Max(scale, double.Epsilon) * n * 1e-12;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r * n + col]) > Math.Abs(a[pivot * n + col])) pivot = r;
            if (Math.Abs(a[pivot * n + col]) <= tiny)
                throw new InvalidOperationException($"The {n}x{n} system is singular: row {col} depends on the others (are the patterns linearly dependent?).");
            if (pivot != col)
            {
                SwapRows(a, n, col, pivot);
                SwapRows(b, m, col, pivot);
            }
            double inv = 1.0 / a[col * n + col];
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = a[r * n + col] * inv;
                if (f == 0) continue;
                for (int c = col; c < n; c++) a[r * n + c] -= f * a[col * n + c];
                for (int c = 0; c < m; c++) b[r * m + c] -= f * b[col * m + c];
            }
        }
        for (int r = 0; r < n; r++)
        {
            double inv = 1.0 / a[r * n + r];
            for (int c = 0; c < m; c++) b[r * m + c] *= inv;
        }
    }

    private static void SwapRows(double[] x, int width, int r1, int r2)
    {
        Span<double> a = x.AsSpan(r1 * width, width), b = x.AsSpan(r2 * width, width);
        for (int i = 0; i < width; i++) (a[i], b[i]) = (b[i], a[i]);
    }
}
