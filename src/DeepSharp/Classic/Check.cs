using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>Argument checks shared by the classic networks; messages say what was expected and what was found.</summary>
internal static class Check
{
    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive, got {value}.");

    public static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or positive, got {value}.");

    public static float Positive(float value, string name) =>
        value > 0 && float.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite positive number, got {value}.");

    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite positive number, got {value}.");

    public static float NonNegative(float value, string name) =>
        value >= 0 && float.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and zero or positive, got {value}.");

    public static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and zero or positive, got {value}.");

    /// <summary>Checks 0 &lt;= value &lt; 1 (a probability that must leave something, or a momentum).</summary>
    public static float UnitInterval(float value, string name) =>
        value >= 0 && value < 1 ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1), got {value}.");

    /// <summary>Checks 0 &lt;= value &lt;= 1.</summary>
    public static double Probability(double value, string name) =>
        value >= 0 && value <= 1 ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1], got {value}.");

    /// <summary>The rows of a 2-D float matrix as a flat row-major float array, with its shape.</summary>
    public static (float[] Data, int Rows, int Cols) Matrix(Tensor t, string what, int? expectedCols = null)
    {
        var (rows, cols) = MatrixShape(t, what, expectedCols);
        return (t.ToFloatArray(), rows, cols);
    }

    /// <summary>A 2-D float matrix as a Float32 tensor (the input itself when it already is one), with its shape.</summary>
    public static (Tensor Data, int Rows, int Cols) FloatMatrix(Tensor t, string what, int? expectedCols = null)
    {
        var (rows, cols) = MatrixShape(t, what, expectedCols);
        return (t.To(DType.Float32), rows, cols);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first element of <paramref name="v"/>
    /// outside [0, 1] (NaN included).</summary>
    public static void UnitRange(Tensor v, string what)
    {
        var outside = v.Ge(0).Mul(v.Le(1)).Eq(0).Reshape(-1);
        if (outside.Numel == 0 || outside.Max().Item() == 0) return;
        int i = (int)outside.ArgMax().Item();
        double value = v.Reshape(-1).IndexSelect(0, Tensor.FromArray(new[] { i }, 1)).Item();
        throw new ArgumentOutOfRangeException(nameof(v), $"{what} expects visible values in [0, 1]; element {i} is {value}.");
    }

    private static (int Rows, int Cols) MatrixShape(Tensor t, string what, int? expectedCols)
    {
        if (t.Rank != 2)
            throw new ArgumentException($"{what}: expected a matrix (N, D), got shape ({string.Join(", ", t.ShapeArray)}).");
        if (!t.DType.IsFloatingPoint())
            throw new ArgumentException($"{what}: expected Float32 or Float64 inputs, got {t.DType}.");
        int rows = t.Size(0), cols = t.Size(1);
        if (expectedCols is { } c && cols != c)
            throw new ArgumentException($"{what}: expected (N, {c}), got ({rows}, {cols}).");
        return (rows, cols);
    }

    /// <summary>Int32 labels of length <paramref name="count"/> as an array, each in [0, classes).</summary>
    public static int[] Labels(Tensor labels, int count, int classes, string what)
    {
        if (labels.DType != DType.Int32 || labels.Rank != 1)
            throw new ArgumentException($"{what}: expected Int32 labels of shape ({count}), got {labels.DType} of shape ({string.Join(", ", labels.ShapeArray)}).");
        if (labels.Size(0) != count)
            throw new ArgumentException($"{what}: expected {count} labels (one per row), got {labels.Size(0)}.");
        var result = labels.ToArray<int>();
        for (int i = 0; i < result.Length; i++)
        {
            if ((uint)result[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), $"{what}: label {i} is {result[i]}; expected a class index in [0, {classes}).");
        }
        return result;
    }
}
