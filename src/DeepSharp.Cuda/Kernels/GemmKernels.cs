using ILGPU;

namespace DeepSharp.Backends.Cuda;

/// <summary>The sizes and strides of a batched GEMM c = act(a · b + bias) (+ c when accumulating):
/// a (M, K) and b (K, N) with any row and column strides (so transposed operands need no copy),
/// c (M, N) with row stride Ldc; batch offsets from <see cref="Batch"/> and the three Strides6.</summary>
internal readonly struct GemmArgs
{
    public readonly int M, N, K, RowStrideA, ColStrideA, RowStrideB, ColStrideB, Ldc;
    /// <summary>0 none, 1 one bias per column (Linear), 2 one bias per row (convolution channels).</summary>
    public readonly int BiasMode, BiasOffset, Activation, Accumulate;
    public readonly Shape6 Batch;
    public readonly Strides6 A, B, C;

    public GemmArgs(int m, int n, int k, int rowStrideA, int colStrideA, int rowStrideB, int colStrideB, int ldc,
        int biasMode, int biasOffset, int activation, int accumulate, Shape6 batch, Strides6 a, Strides6 b, Strides6 c)
    {
        M = m; N = n; K = k; RowStrideA = rowStrideA; ColStrideA = colStrideA; RowStrideB = rowStrideB; ColStrideB = colStrideB; Ldc = ldc;
        BiasMode = biasMode; BiasOffset = biasOffset; Activation = activation; Accumulate = accumulate;
        Batch = batch; A = a; B = b; C = c;
    }
}

/// <summary>
/// The GEMM kernel: each group of T x T threads computes a T x T tile of c, stepping through k in
/// T-wide slices staged in shared memory (one element of a's and of b's slice per thread, then T
/// multiply-adds from shared memory per thread and slice). The epilogue adds the bias, applies the
/// activation and stores. The k order is fixed, so results are deterministic.
/// </summary>
internal static class GemmKernels
{
    public static void Tiled<T, TN>(ArrayView<T> a, ArrayView<T> b, ArrayView<T> c, ArrayView<T> bias, GemmArgs g)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int tile = Group.DimX;
        var shared = SharedMemory.GetDynamic<T>();
        int tx = Group.IdxX, ty = Group.IdxY;
        int row = Grid.IdxY * tile + ty, col = Grid.IdxX * tile + tx;
        var batch = g.Batch.Coordinates(Grid.IdxZ);
        int baseA = g.A.At(batch), baseB = g.B.At(batch), baseC = g.C.At(batch);
        int sb = tile * tile;
        T acc = n.Zero;
        for (int k0 = 0; k0 < g.K; k0 += tile)
        {
            int ka = k0 + tx, kb = k0 + ty;
            shared[ty * tile + tx] = row < g.M && ka < g.K ? a[baseA + row * g.RowStrideA + ka * g.ColStrideA] : n.Zero;
            shared[sb + ty * tile + tx] = kb < g.K && col < g.N ? b[baseB + kb * g.RowStrideB + col * g.ColStrideB] : n.Zero;
            Group.Barrier();
            for (int kk = 0; kk < tile; kk++)
                acc = n.Add(acc, n.Mul(shared[ty * tile + kk], shared[sb + kk * tile + tx]));
            Group.Barrier();
        }
        if (row >= g.M || col >= g.N) return;
        int at = baseC + row * g.Ldc + col;
        T v = acc;
        if (g.Accumulate != 0) v = n.Add(c[at], v);
        if (g.BiasMode == 1) v = n.Add(v, bias[g.BiasOffset + col]);
        else if (g.BiasMode == 2) v = n.Add(v, bias[g.BiasOffset + row]);
        c[at] = ScalarOps.Activate<T, TN>(g.Activation, v);
    }
}
