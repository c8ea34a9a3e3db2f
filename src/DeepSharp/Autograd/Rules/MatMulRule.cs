using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>The matrix-product primitive: dA = dC · Bᵀ, dB = Aᵀ · dC (transposes are views, never copies).</summary>
internal static class MatMulRule
{
    public static Tensor Apply(Tensor a, Tensor b)
    {
        if (a.Rank == 0 || b.Rank == 0)
            throw new ShapeMismatchException($"MatMul: {Shapes.Format(a.Shape)} x {Shapes.Format(b.Shape)}: both operands need at least one dimension.");
        if (a.Rank == 1 && b.Rank == 1 && a.Shape[0] != b.Shape[0])
            throw new ShapeMismatchException($"MatMul: {Shapes.Format(a.Shape)} x {Shapes.Format(b.Shape)}: inner dimensions {a.Shape[0]} and {b.Shape[0]} differ.");
        if (a.Rank == 1 && b.Rank == 1) return Apply(a.Unsqueeze(0), b.Unsqueeze(-1)).Reshape([]);
        if (a.Rank == 1) return Apply(a.Unsqueeze(0), b).Squeeze(-2);
        if (b.Rank == 1) return Apply(a, b.Unsqueeze(-1)).Squeeze(-1);
        var y = MatMulCompute.Compute(a, b);
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        return Node.Record(y, "MatMul", [a, b], g => [
            a.RequiresGrad ? Broadcasting.SumTo(MatMulCompute.Compute(g, b.Transpose(-1, -2)), sa) : null,
            b.RequiresGrad ? WeightGradient(a, b, g, sb) : null], saved: [a, b]);
    }

    /// <summary>dB = Aᵀ · dC. For a batch times one matrix, (B, n, k) x (k, m), the batch folds into the
    /// inner dimension of a single GEMM, (k, B·n) x (B·n, m), instead of B products summed afterwards.</summary>
    private static Tensor WeightGradient(Tensor a, Tensor b, Tensor g, int[] sb)
    {
        if (a.Rank > 2 && b.Rank == 2)
        {
            int k = a.Shape[^1], m = g.Shape[^1];
            var a2 = Views.Reshape(a, [-1, k], allowCopy: true, "MatMul");
            var g2 = Views.Reshape(g, [-1, m], allowCopy: true, "MatMul");
            return MatMulCompute.Compute(a2.Transpose(0, 1), g2);
        }
        return Broadcasting.SumTo(MatMulCompute.Compute(a.Transpose(-1, -2), g), sb);
    }
}
