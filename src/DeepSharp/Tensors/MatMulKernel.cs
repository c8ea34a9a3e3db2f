using DeepSharp.Kernels;

namespace DeepSharp.Tensors;

/// <summary>Raw batched matrix product over strided tensors, through the single GEMM entry point.</summary>
internal static class MatMulKernel
{
    /// <summary>a (..., n, k) x b (..., k, m) -> (..., n, m) with the batch dimensions broadcast.</summary>
    public static Tensor Compute(Tensor a, Tensor b)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"MatMul: dtypes differ: {a.DType} {Shapes.Format(a._shape)} and {b.DType} {Shapes.Format(b._shape)}.");
        int n = a._shape[^2], k = a._shape[^1], k2 = b._shape[^2], m = b._shape[^1];
        if (k != k2)
            throw new ShapeMismatchException(
                $"MatMul: {Shapes.Format(a._shape)} x {Shapes.Format(b._shape)}: inner dimensions {k} and {k2} differ.");
        if (!a.DType.IsFloatingPoint()) throw TensorOps.NotFloat("MatMul", a);

        // (B, T, K) x (K, M): fold the batch into the rows of one GEMM.
        if (b.Rank == 2 && a.Rank > 2 && a.IsContiguous)
        {
            var shape = a.ShapeArray;
            shape[^1] = m;
            int rows = Shapes.Numel(a._shape.AsSpan(0, a.Rank - 1));
            var r = Compute(new Tensor(a._storage, [rows, k], [k, 1], a._offset), b);
            return new Tensor(r._storage, shape);
        }

        var batchA = a._shape.AsSpan(0, a.Rank - 2);
        var batchB = b._shape.AsSpan(0, b.Rank - 2);
        var batch = Shapes.Broadcast(batchA, batchB, "MatMul");
        var outShape = new int[batch.Length + 2];
        batch.CopyTo(outShape, 0);
        outShape[^2] = n;
        outShape[^1] = m;
        var c = Tensor.Empty(a.DType, outShape);
        if (c.Numel == 0) return c;

        if (!Layout(a, out bool ta, out int lda)) { a = a.CloneRaw(); Layout(a, out ta, out lda); }
        if (!Layout(b, out bool tb, out int ldb)) { b = b.CloneRaw(); Layout(b, out tb, out ldb); }

        int batchCount = Shapes.Numel(batch);
        var aBatchStrides = BatchStrides(a, batch);
        var bBatchStrides = BatchStrides(b, batch);
        Span<int> idx = stackalloc int[Math.Max(batch.Length, 1)];
        for (int p = 0; p < batchCount; p++)
        {
            int rem = p, offA = a._offset, offB = b._offset;
            for (int d = batch.Length - 1; d >= 0; d--)
            {
                int i = rem % batch[d];
                rem /= batch[d];
                offA += i * aBatchStrides[d];
                offB += i * bBatchStrides[d];
            }
            int offC = p * n * m;
            if (a.DType == DType.Float32)
                Gemm.Sgemm(ta, tb, n, m, k, 1f, Tensor.ArrayOf<float>(a).AsSpan(offA), lda,
                    Tensor.ArrayOf<float>(b).AsSpan(offB), ldb, 0f, Tensor.ArrayOf<float>(c).AsSpan(offC, n * m), m);
            else
                Gemm.Dgemm(ta, tb, n, m, k, 1.0, Tensor.ArrayOf<double>(a).AsSpan(offA), lda,
                    Tensor.ArrayOf<double>(b).AsSpan(offB), ldb, 0.0, Tensor.ArrayOf<double>(c).AsSpan(offC, n * m), m);
        }
        return c;
    }

    /// <summary>Whether the last two dimensions can be passed to GEMM as-is (row-major or transposed).</summary>
    private static bool Layout(Tensor t, out bool transposed, out int ld)
    {
        int rows = t._shape[^2], cols = t._shape[^1];
        int rs = t._strides[^2], cs = t._strides[^1];
        if ((cs == 1 || cols == 1) && (rs >= cols || rows == 1))
        {
            transposed = false;
            ld = Math.Max(rows == 1 ? cols : rs, Math.Max(cols, 1));
            return true;
        }
        if ((rs == 1 || rows == 1) && (cs >= rows || cols == 1))
        {
            transposed = true;
            ld = Math.Max(cols == 1 ? rows : cs, Math.Max(rows, 1));
            return true;
        }
        transposed = false;
        ld = 0;
        return false;
    }

    private static int[] BatchStrides(Tensor t, int[] batch)
    {
        var result = new int[batch.Length];
        int shift = batch.Length - (t.Rank - 2);
        for (int d = 0; d < t.Rank - 2; d++)
            result[d + shift] = t._shape[d] == 1 ? 0 : t._strides[d];
        return result;
    }
}
