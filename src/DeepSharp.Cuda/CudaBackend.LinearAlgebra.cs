using ILGPU;
using ILGPU.Runtime;

namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <inheritdoc/>
    public void MatMul(StorageView a, StorageView b, StorageView c)
    {
        int rank = c.Rank, m = c.Shape[rank - 2], n = c.Shape[rank - 1], k = a.Shape[rank - 1];
        if (c.Numel == 0) return;
        if (!a.DType.IsFloatingPoint()) throw NotFloat("MatMul", a.DType);
        var batchShape = c.Shape[..(rank - 2)].ToArray();
        var (batch, s) = KernelLayout.Of(batchShape, BatchView(a), BatchView(b), BatchView(c));
        var args = new GemmArgs(m, n, k, a.Strides[rank - 2], a.Strides[rank - 1], b.Strides[rank - 2], b.Strides[rank - 1], n,
            0, 0, (int)Activation.None, 0, batch, s[0], s[1], s[2]);
        Gemm(a, b, c, null, args, c.Numel / (m * n));
    }

    /// <inheritdoc/>
    public void Linear(StorageView x, StorageView w, StorageView? bias, Activation activation, StorageView y)
    {
        int rows = x.Shape[0], inF = x.Shape[1], outF = w.Shape[0];
        if (y.Numel == 0) return;
        // y = x · wᵀ: b(kk, col) = w[col, kk], so b's row stride is w's column stride.
        var args = new GemmArgs(rows, outF, inF, x.Strides[0], x.Strides[1], w.Strides[1], w.Strides[0], outF,
            bias is null ? 0 : 1, bias?.Offset ?? 0, (int)activation, 0, Single(), Offsets(x.Offset), Offsets(w.Offset), Offsets(y.Offset));
        Gemm(x, w, y, bias, args, 1);
    }

    /// <summary>Launches the tiled GEMM over <paramref name="batches"/> products (the grid's z).</summary>
    private void Gemm(StorageView a, StorageView b, StorageView c, StorageView? bias, in GemmArgs args, int batches)
    {
        if (batches == 0 || args.M == 0 || args.N == 0) return;
        int t = GemmTile;
        var grid = new Index3D((args.N + t - 1) / t, (args.M + t - 1) / t, batches);
        var group = new Index3D(t, t, 1);
        if (IsSingle(c.DType, "MatMul"))
        {
            var config = new KernelConfig(grid, group, SharedMemoryConfig.RequestDynamic<float>(2 * t * t));
            var biasView = bias is { } bv ? Whole<float>(bv, "Linear") : Whole<float>(c, "MatMul");
            LaunchGemm(GemmKernels.Tiled<float, F32>, config, Whole<float>(a, "MatMul"), Whole<float>(b, "MatMul"), Whole<float>(c, "MatMul"), biasView, args);
        }
        else
        {
            var config = new KernelConfig(grid, group, SharedMemoryConfig.RequestDynamic<double>(2 * t * t));
            var biasView = bias is { } bv ? Whole<double>(bv, "Linear") : Whole<double>(c, "MatMul");
            LaunchGemm(GemmKernels.Tiled<double, F64>, config, Whole<double>(a, "MatMul"), Whole<double>(b, "MatMul"), Whole<double>(c, "MatMul"), biasView, args);
        }
    }

    private void LaunchGemm<T>(Action<ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, GemmArgs> kernel, KernelConfig config,
        ArrayView<T> a, ArrayView<T> b, ArrayView<T> c, ArrayView<T> bias, GemmArgs args) where T : unmanaged
    {
        lock (_gate) Kernel(kernel.Method, () => _accelerator.LoadStreamKernel(kernel))(config, a, b, c, bias, args);
    }

    /// <summary>The view restricted to its batch dimensions (the matrix dimensions dropped), for the batch layout.</summary>
    private static StorageView BatchView(StorageView v) =>
        new(v.Storage, v.Offset, v.Shape[..(v.Rank - 2)].ToArray(), v.Strides[..(v.Rank - 2)].ToArray());

    private static Shape6 Single() => new(1, 1, 1, 1, 1, 1);

    private static Strides6 Offsets(int offset) => new(offset, 0, 0, 0, 0, 0, 0);
}
