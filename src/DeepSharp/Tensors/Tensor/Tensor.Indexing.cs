using DeepSharp.Autograd;

namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    /// <summary>The entries at <paramref name="indices"/> (1-D Int32) along <paramref name="dim"/>: <c>x.IndexSelect(0, rows)</c>.</summary>
    public Tensor IndexSelect(int dim, Tensor indices) => IndexRules.IndexSelect(this, dim, indices);

    /// <summary>out[i][j] = x[i][index[i][j]] for dim 1 (and likewise for other dims), index Int32 of the same rank.</summary>
    public Tensor Gather(int dim, Tensor index) => IndexRules.Gather(this, dim, index);

    /// <summary>One-hot rows (Float32 by default) for the Int32 class indices in <paramref name="indices"/>: shape (..., classes).</summary>
    public static Tensor OneHot(Tensor indices, int classes, DType dtype = DType.Float32)
    {
        if (indices.DType != DType.Int32)
            throw new ArgumentException($"OneHot: indices must be Int32, got {indices.DType}.", nameof(indices));
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), classes, "OneHot: classes must be positive.");
        var idx = indices.ToArray<int>();
        var shape = new int[indices.Rank + 1];
        indices.Shape.CopyTo(shape);
        shape[^1] = classes;
        var values = new double[checked(idx.Length * classes)];
        for (int i = 0; i < idx.Length; i++)
        {
            if ((uint)idx[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(indices), $"OneHot: class index {idx[i]} at position {i} is outside [0, {classes}).");
            values[i * classes + idx[i]] = 1;
        }
        return FromSpan<double>(values, shape, indices.Device).ConvertRaw(dtype);
    }
}
