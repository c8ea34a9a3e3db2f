using System.Numerics;
using DeepSharp.Autograd;
using DeepSharp.Kernels;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

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
/// Runs an <see cref="IPointwiseOp"/> as one differentiable primitive: one pass forward and one pass
/// backward, instead of the temporaries a composed expression allocates. Work is split across
/// threads by range, and each range is walked in cache-sized blocks.
/// </summary>
internal static class Pointwise
{
    /// <summary>Work per thread below which splitting across threads does not pay.</summary>
    private const int MinPerThread = 1 << 15;

    /// <summary>Elements per block: small enough that a block's operands stay in L1/L2 between passes.</summary>
    private const int Block = 2048;

    public static Tensor Apply<TOp>(Tensor x, TOp op, string name) where TOp : struct, IPointwiseOp
    {
        var xr = Raw(x, name);
        var y = Tensor.Zeros(x.ShapeArray, x.DType);
        if (x.DType == DType.Float32) Forward<float, TOp>(op, xr, y);
        else Forward<double, TOp>(op, xr, y);
        return Node.Record(y, name, [x], g =>
        {
            var gc = g.To(xr.DType).Contiguous();
            var gx = Tensor.Zeros(xr.ShapeArray, xr.DType);
            if (xr.DType == DType.Float32) Backward<float, TOp>(op, xr, y, gc, gx);
            else Backward<double, TOp>(op, xr, y, gc, gx);
            return [gx];
        });
    }

    /// <summary>A contiguous, graph-free view (or copy) of a floating-point input.</summary>
    public static Tensor Raw(Tensor x, string name)
    {
        if (!x.DType.IsFloatingPoint())
            throw new NotSupportedException($"{name}: needs a floating-point tensor, got {x.DType} {Shapes.Format(x.Shape)}.");
        return x.Detach().Contiguous();
    }

    private static void Forward<T, TOp>(TOp op, Tensor x, Tensor y)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IPointwiseOp
    {
        Parallelism.For(x.Numel, MinPerThread, (start, end) =>
        {
            for (int b = start; b < end; b += Block)
            {
                int n = Math.Min(Block, end - b);
                op.Forward<T>(x.AsSpan<T>().Slice(b, n), y.AsSpan<T>().Slice(b, n));
            }
        });
    }

    private static void Backward<T, TOp>(TOp op, Tensor x, Tensor y, Tensor g, Tensor gx)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IPointwiseOp
    {
        Parallelism.For(x.Numel, MinPerThread, (start, end) =>
        {
            for (int b = start; b < end; b += Block)
            {
                int n = Math.Min(Block, end - b);
                op.Backward<T>(x.AsSpan<T>().Slice(b, n), y.AsSpan<T>().Slice(b, n), g.AsSpan<T>().Slice(b, n), gx.AsSpan<T>().Slice(b, n));
            }
        });
    }
}
