using System.Numerics;

namespace DeepSharp.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void Reduce(ReduceOp op, StorageView x, AxisBlock block, StorageView dst)
    {
        if (IsSingle(x.DType, op.ToString()))
            ReduceKernels.Axis(op, x.Span<float>(), block.Outer, block.Size, block.Inner, dst.Span<float>());
        else
            ReduceKernels.Axis(op, x.Span<double>(), block.Outer, block.Size, block.Inner, dst.Span<double>());
    }

    /// <inheritdoc/>
    public void ArgReduce(bool max, StorageView x, int rows, int length, StorageView dst)
    {
        if (IsSingle(x.DType, max ? "ArgMax" : "ArgMin"))
            ArgRows(x.Span<float>(), rows, length, max, dst.Span<int>());
        else
            ArgRows(x.Span<double>(), rows, length, max, dst.Span<int>());
    }

    private static void ArgRows<T>(ReadOnlySpan<T> src, int rows, int length, bool max, Span<int> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            var row = src.Slice(r * length, length);
            dst[r] = max ? ReduceKernels.ArgMax(row) : ReduceKernels.ArgMin(row);
        }
    }
}
