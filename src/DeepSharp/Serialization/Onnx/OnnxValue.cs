using DeepSharp.Tensors;

namespace DeepSharp.Serialization.Onnx;

/// <summary>A value flowing through an imported graph: Float32 data, or integers (shapes, axes, indices)
/// held exactly as a Float64 tensor so the same tensor ops move them.</summary>
internal sealed record OnnxValue(Tensor Tensor, bool IsInteger)
{
    public static OnnxValue Float(Tensor t) => new(t, false);

    /// <summary>Integers of <paramref name="shape"/> (a scalar when the shape is empty).</summary>
    public static OnnxValue Integers(long[] values, params int[] shape) =>
        new(shape.Length == 0 ? Tensor.Scalar(values[0], DType.Float64) : Tensor.FromArray(values.Select(v => (double)v).ToArray(), shape), true);

    /// <summary>The values as integers (truncated).</summary>
    public long[] Longs() => [.. Tensor.To(DType.Float64).Contiguous().ToDoubleArray().Select(v => (long)v)];

    public int[] Shape => Tensor.ShapeArray;
}
