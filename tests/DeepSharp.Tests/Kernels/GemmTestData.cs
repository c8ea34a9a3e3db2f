using DeepSharp.Tensors;

namespace DeepSharp.Tests.Kernels;

/// <summary>Random operands and comparison helpers for the GEMM tests.</summary>
internal static class GemmTestData
{
    public static float[] RandomFloats(RandomGenerator rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2.0 - 1.0);
        return x;
    }

    public static double[] RandomDoubles(RandomGenerator rng, int length)
    {
        var x = new double[length];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() * 2.0 - 1.0;
        return x;
    }

    /// <summary>Elements a row-major matrix occupies, at least 1 so spans are never empty by accident.</summary>
    public static int Length(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;

    /// <summary>The check of <see cref="AssertClose"/> without building messages, for hot loops.</summary>
    public static bool IsClose(float[] expected, float[] actual, int m, int n, int ldc, int k)
    {
        float tol = 2e-6f * (4 + k);
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            bool inside = ldc > 0 && i / ldc < m && i % ldc < n;
            if (inside ? !(MathF.Abs(e - a) <= tol * (1 + MathF.Abs(e))) : BitConverter.SingleToInt32Bits(e) != BitConverter.SingleToInt32Bits(a))
                return false;
        }
        return true;
    }

    /// <summary>Asserts |actual - expected| &lt;= tol * (1 + k) elementwise over the m x n window,
    /// and that elements outside the window (padding between rows) are untouched.</summary>
    public static void AssertClose(float[] expected, float[] actual, int m, int n, int ldc, int k, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        float tol = 2e-6f * (4 + k);
        for (int i = 0; i < expected.Length; i++)
        {
            int row = ldc > 0 ? i / ldc : 0, col = ldc > 0 ? i % ldc : 0;
            bool inside = ldc > 0 && row < m && col < n;
            float e = expected[i], a = actual[i];
            if (!inside)
            {
                if (BitConverter.SingleToInt32Bits(e) != BitConverter.SingleToInt32Bits(a))
                    Assert.Fail($"{context}: padding element {i} changed from {e} to {a}");
                continue;
            }
            if (!(MathF.Abs(e - a) <= tol * (1 + MathF.Abs(e))))
                Assert.Fail($"{context}: C[{row},{col}] expected {e}, got {a} (tol {tol})");
        }
    }
}
