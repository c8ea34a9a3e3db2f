using DeepSharp.Tensors;

namespace DeepSharp.Tests.Tensors;

/// <summary>Assertions on tensor shapes and values shared by the tensor and autograd tests.</summary>
internal static class TensorAssert
{
    public static void Shape(Tensor t, params int[] expected) =>
        Assert.True(t.Shape.SequenceEqual(expected), $"expected shape {Shapes.Format(expected)}, got {Shapes.Format(t.Shape)}");

    /// <summary>Shape and values (row-major), compared as doubles within <paramref name="tol"/>.</summary>
    public static void Values(Tensor t, int[] shape, double[] expected, double tol = 1e-6)
    {
        Shape(t, shape);
        var actual = t.ToArray<double>();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool ok = double.IsNaN(expected[i]) ? double.IsNaN(actual[i])
                : expected[i] == actual[i] || Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1, Math.Abs(expected[i]));
            if (!ok) Assert.Fail($"element {i}: expected {expected[i]:R}, got {actual[i]:R}; all: [{string.Join(", ", actual.Take(50))}]");
        }
    }

    public static void Values(Tensor t, int[] shape, float[] expected, double tol = 1e-6) =>
        Values(t, shape, expected.Select(v => (double)v).ToArray(), tol);

    /// <summary>Two tensors have the same shape and values.</summary>
    public static void Same(Tensor expected, Tensor actual, double tol = 1e-6) =>
        Values(actual, expected.ShapeArray, expected.ToArray<double>(), tol);

    /// <summary>A transposed (non-contiguous) tensor holding <paramref name="values"/> in row-major order of <paramref name="shape"/> (2-D).</summary>
    public static Tensor Transposed(float[] values, int rows, int cols)
    {
        var storage = new float[values.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) storage[j * rows + i] = values[i * cols + j];
        var t = Tensor.FromArray(storage, cols, rows).T;
        Assert.False(t.IsContiguous);
        return t;
    }
}
