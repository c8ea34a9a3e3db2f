namespace DeepSharp.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void MatMul(StorageView a, StorageView b, StorageView c)
    {
        int rank = c.Rank, n = c._shape[rank - 2], m = c._shape[rank - 1], k = a._shape[rank - 1];
        if (c.Numel == 0) return;
        if (!a.DType.IsFloatingPoint()) throw NotFloat("MatMul", a.DType);
        if (k == 0)
        {
            Fill(c, 0); // an empty sum
            return;
        }
        if (!Layout(a, out bool ta, out int lda)) { a = ContiguousCopy(a); Layout(a, out ta, out lda); }
        if (!Layout(b, out bool tb, out int ldb)) { b = ContiguousCopy(b); Layout(b, out tb, out ldb); }

        int batch = c.Numel / Math.Max(1, n * m);
        // (B, T, K) x (K, M) with one shared B: the batch folds into the rows of a single GEMM.
        if (batch > 1 && !ta && lda == k && RowsFold(a) && BatchBroadcast(b))
        {
            Gemm(ta, tb, batch * n, m, k, a, a.Offset, lda, b, b.Offset, ldb, c, c.Offset);
            return;
        }
        Span<int> idx = stackalloc int[Math.Max(rank - 2, 1)];
        for (int p = 0; p < batch; p++)
        {
            int rem = p, offA = a.Offset, offB = b.Offset;
            for (int d = rank - 3; d >= 0; d--)
            {
                int i = rem % c._shape[d];
                rem /= c._shape[d];
                offA += i * a._strides[d];
                offB += i * b._strides[d];
            }
            Gemm(ta, tb, n, m, k, a, offA, lda, b, offB, ldb, c, c.Offset + p * n * m);
        }
    }

    /// <inheritdoc/>
    public void Linear(StorageView x, StorageView w, StorageView? bias, Activation activation, StorageView y)
    {
        int n = x._shape[0], inF = x._shape[1], outF = w._shape[0];
        if (x.DType == DType.Float32)
        {
            Cpu.Gemm.SgemmBiasAct(false, true, n, outF, inF, 1f, x.Span<float>(), inF, w.Span<float>(), inF,
                0f, y.Span<float>(), outF, bias is { } b ? b.Span<float>() : default, activation);
            return;
        }
        // Float64 (gradient checks): the product, then bias and activation.
        MatMul(x, Transposed(w), y);
        var ys = y.Span<double>();
        ReadOnlySpan<double> bs = bias is { } bv ? bv.Span<double>() : default;
        for (int r = 0; r < n; r++)
            for (int j = 0; j < outF; j++)
            {
                double v = ys[r * outF + j] + (bs.IsEmpty ? 0 : bs[j]);
                ys[r * outF + j] = activation switch
                {
                    Activation.Relu => Math.Max(v, 0),
                    Activation.Tanh => Math.Tanh(v),
                    Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
                    _ => v,
                };
            }
    }

    private static StorageView Transposed(StorageView w) =>
        new(w.Storage, w.Offset, [w._shape[1], w._shape[0]], [w._strides[1], w._strides[0]]);

    private static void Gemm(bool ta, bool tb, int n, int m, int k, StorageView a, int offA, int lda,
        StorageView b, int offB, int ldb, StorageView c, int offC)
    {
        if (c.DType == DType.Float32)
            Cpu.Gemm.Sgemm(ta, tb, n, m, k, 1f, a.HostArray<float>().AsSpan(offA), lda,
                b.HostArray<float>().AsSpan(offB), ldb, 0f, c.HostArray<float>().AsSpan(offC, n * m), m);
        else
            Cpu.Gemm.Dgemm(ta, tb, n, m, k, 1.0, a.HostArray<double>().AsSpan(offA), lda,
                b.HostArray<double>().AsSpan(offB), ldb, 0.0, c.HostArray<double>().AsSpan(offC, n * m), m);
    }

    /// <summary>Whether the last two dimensions can be passed to GEMM as-is (row-major or transposed).</summary>
    private static bool Layout(StorageView t, out bool transposed, out int ld)
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

    /// <summary>True when the batch and row dimensions of a (..., n, k) view are one run of rows (row-major).</summary>
    private static bool RowsFold(StorageView a)
    {
        int expected = a._strides[^2];
        for (int d = a.Rank - 2; d >= 0; d--)
        {
            if (a._shape[d] != 1 && a._strides[d] != expected) return false;
            expected *= a._shape[d];
        }
        return true;
    }

    private static bool BatchBroadcast(StorageView b)
    {
        for (int d = 0; d < b.Rank - 2; d++)
            if (b._shape[d] != 1 && b._strides[d] != 0) return false;
        return true;
    }

    private StorageView ContiguousCopy(StorageView v)
    {
        var copy = StorageView.Contiguous(Allocate(v.DType, v.Numel), v._shape);
        Copy(v, copy);
        return copy;
    }
}
