namespace DeepSharp;

/// <summary>Element type of a tensor.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float: the default for data, parameters and training.</summary>
    Float32,
    /// <summary>64-bit IEEE float: used by gradient checking and where precision matters.</summary>
    Float64,
    /// <summary>32-bit integer: indices (class labels, <c>ArgMax</c> results, gather indices).</summary>
    Int32,
}

/// <summary>Helpers for <see cref="DType"/>.</summary>
public static class DTypeExtensions
{
    /// <summary>Size of one element in bytes.</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Float64 => 8,
        DType.Int32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>True for the floating-point dtypes that support arithmetic and gradients.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    internal static DType Of<T>()
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        throw new NotSupportedException($"No DeepSharp dtype for {typeof(T).Name}; use float, double or int.");
    }
}
