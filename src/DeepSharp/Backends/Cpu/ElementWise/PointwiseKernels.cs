using System.Numerics;

namespace DeepSharp.Backends.Cpu;

/// <summary>An element-wise function with its derivative, written once for float and double over
/// blocks of elements, so an op can use the vectorized <c>TensorPrimitives</c> for its costly parts.</summary>
internal interface IPointwiseOp
{
    /// <summary>y = f(x) over one block.</summary>
    void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dx = g · f'(x) over one block, given y = f(x); <paramref name="dx"/> may serve as scratch first.</summary>
    void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// Runs an <see cref="IPointwiseOp"/> over contiguous views in one pass forward and one pass
/// backward. Work is split across threads by range, and each range is walked in cache-sized blocks.
/// </summary>
internal static class PointwiseKernels
{
    /// <summary>Work per thread below which splitting across threads does not pay.</summary>
    private const int MinPerThread = 1 << 15;

    /// <summary>Elements per block: small enough that a block's operands stay in L1/L2 between passes.</summary>
    private const int Block = 2048;

    public static void Forward(PointwiseFunction f, StorageView x, StorageView y)
    {
        switch (f.Kind)
        {
            case PointwiseKind.Step: Forward(new StepOp(f.A), x, y); break;
            case PointwiseKind.Sign: Forward(new SignOp(), x, y); break;
            case PointwiseKind.LeakyRelu: Forward(new LeakyReluOp(f.A), x, y); break;
            case PointwiseKind.ShiftedRelu: Forward(new ShiftedReluOp(f.A), x, y); break;
            case PointwiseKind.Softplus: Forward(new SoftplusOp(f.A, f.B), x, y); break;
            case PointwiseKind.Elu: Forward(new EluOp(f.A), x, y); break;
            case PointwiseKind.Swish: Forward(new SwishOp(f.A), x, y); break;
            case PointwiseKind.GeluErf: Forward(new GeluErfOp(), x, y); break;
            case PointwiseKind.GeluTanh: Forward(new GeluTanhOp(), x, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "Unknown pointwise function.");
        }
    }

    public static void Backward(PointwiseFunction f, StorageView x, StorageView y, StorageView g, StorageView dx)
    {
        switch (f.Kind)
        {
            case PointwiseKind.Step: Backward(new StepOp(f.A), x, y, g, dx); break;
            case PointwiseKind.Sign: Backward(new SignOp(), x, y, g, dx); break;
            case PointwiseKind.LeakyRelu: Backward(new LeakyReluOp(f.A), x, y, g, dx); break;
            case PointwiseKind.ShiftedRelu: Backward(new ShiftedReluOp(f.A), x, y, g, dx); break;
            case PointwiseKind.Softplus: Backward(new SoftplusOp(f.A, f.B), x, y, g, dx); break;
            case PointwiseKind.Elu: Backward(new EluOp(f.A), x, y, g, dx); break;
            case PointwiseKind.Swish: Backward(new SwishOp(f.A), x, y, g, dx); break;
            case PointwiseKind.GeluErf: Backward(new GeluErfOp(), x, y, g, dx); break;
            case PointwiseKind.GeluTanh: Backward(new GeluTanhOp(), x, y, g, dx); break;
            default: throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "Unknown pointwise function.");
        }
    }

    private static void Forward<TOp>(TOp op, StorageView x, StorageView y) where TOp : struct, IPointwiseOp
    {
        if (CpuBackend.IsSingle(x.DType, "Pointwise"))
            Forward<float, TOp>(op, x, y);
        else
            Forward<double, TOp>(op, x, y);
    }

    private static void Backward<TOp>(TOp op, StorageView x, StorageView y, StorageView g, StorageView dx) where TOp : struct, IPointwiseOp
    {
        if (CpuBackend.IsSingle(x.DType, "Pointwise"))
            Backward<float, TOp>(op, x, y, g, dx);
        else
            Backward<double, TOp>(op, x, y, g, dx);
    }

    private static void Forward<T, TOp>(TOp op, StorageView x, StorageView y)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IPointwiseOp
    {
        Parallelism.For(x.Numel, MinPerThread, (start, end) =>
        {
            for (int b = start; b < end; b += Block)
            {
                int n = Math.Min(Block, end - b);
                op.Forward<T>(x.Span<T>().Slice(b, n), y.Span<T>().Slice(b, n));
            }
        });
    }

    private static void Backward<T, TOp>(TOp op, StorageView x, StorageView y, StorageView g, StorageView gx)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IPointwiseOp
    {
        Parallelism.For(x.Numel, MinPerThread, (start, end) =>
        {
            for (int b = start; b < end; b += Block)
            {
                int n = Math.Min(Block, end - b);
                op.Backward<T>(x.Span<T>().Slice(b, n), y.Span<T>().Slice(b, n), g.Span<T>().Slice(b, n), gx.Span<T>().Slice(b, n));
            }
        });
    }
}
