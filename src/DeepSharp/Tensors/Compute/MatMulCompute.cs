using DeepSharp.Backends;

namespace DeepSharp.Tensors;

/// <summary>Raw batched matrix product: shape checks, batch broadcasting, one backend call.</summary>
internal static class MatMulCompute
{
    /// <summary>a (..., n, k) x b (..., k, m) -> (..., n, m) with the batch dimensions broadcast.</summary>
    public static Tensor Compute(Tensor a, Tensor b)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"MatMul: dtypes differ: {a.DType} {Shapes.Format(a._shape)} and {b.DType} {Shapes.Format(b._shape)}.");
        Devices.Same(a, b, "MatMul");
        int n = a._shape[^2], k = a._shape[^1], k2 = b._shape[^2], m = b._shape[^1];
        if (k != k2)
            throw new ShapeMismatchException(
                $"MatMul: {Shapes.Format(a._shape)} x {Shapes.Format(b._shape)}: inner dimensions {k} and {k2} differ.");
        if (!a.DType.IsFloatingPoint()) throw ElementWiseCompute.NotFloat("MatMul", a);
        var batch = Shapes.Broadcast(a._shape.AsSpan(0, a.Rank - 2), b._shape.AsSpan(0, b.Rank - 2), "MatMul");
        var outShape = new int[batch.Length + 2];
        batch.CopyTo(outShape, 0);
        outShape[^2] = n;
        outShape[^1] = m;
        var c = a.EmptyLike(a.DType, outShape);
        if (c.Numel == 0) return c;
        a.Backend.MatMul(Batched(a, outShape, n, k), Batched(b, outShape, k, m), c.BackendView);
        return c;
    }

    /// <summary><paramref name="t"/> with its batch dimensions broadcast to those of <paramref name="outShape"/>.</summary>
    private static StorageView Batched(Tensor t, int[] outShape, int rows, int cols)
    {
        var shape = (int[])outShape.Clone();
        shape[^2] = rows;
        shape[^1] = cols;
        return t.BroadcastView(shape);
    }
}
