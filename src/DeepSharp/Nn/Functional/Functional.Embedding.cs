using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>Rows of <paramref name="weight"/> selected by <paramref name="indices"/> (PyTorch's
    /// <c>F.embedding</c>); the row <paramref name="paddingIndex"/>, when given, gets no gradient.</summary>
    /// <param name="indices">Indices (*), Int32 or floating point (truncated).</param>
    /// <param name="weight">The table (rows, dim).</param>
    /// <param name="paddingIndex">A non-negative row index that receives no gradient, or null.</param>
    /// <remarks>indices (*) -> output (*, dim).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, rows).</exception>
    public static Tensor Embedding(Tensor indices, Tensor weight, int? paddingIndex = null)
    {
        if (weight.Rank != 2) throw new ShapeMismatchException($"Embedding: weight must be (rows, dim), got {Shapes.Format(weight.Shape)}.");
        var index = indices.DType == DType.Int32 ? indices : indices.Detach().To(DType.Int32);
        var flat = index.Reshape(-1);
        var rows = weight.IndexSelect(0, flat);
        if (paddingIndex is { } p && weight.RequiresGrad)
        {
            // Same values; the gradient reaches only the rows that are not the padding row.
            var keep = flat.Ne(p).Unsqueeze(1);
            rows = Tensor.Where(keep, rows, rows.Detach());
        }
        return rows.Reshape([.. index.ShapeArray, weight.Shape[1]]);
    }
}
