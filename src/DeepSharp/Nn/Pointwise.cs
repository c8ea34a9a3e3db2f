using System.Numerics;
using DeepSharp.Autograd;
using DeepSharp.Kernels;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>An element-wise function with its derivative, written once for float and double.</summary>
internal interface IPointwiseOp
{
    /// <summary>y = f(x).</summary>
    T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dy/dx, given both x and the y that <see cref="Forward{T}"/> produced for it.</summary>
    T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// Runs an <see cref="IPointwiseOp"/> as one differentiable primitive: a single pass forward and a
/// single pass backward, instead of the several temporaries a composed expression would allocate.
/// </summary>
internal static class Pointwise
{
    /// <summary>Work per thread below which splitting across threads does not pay.</summary>
    private const int MinPerThread = 1 << 15;

    public static Tensor Apply<TOp>(Tensor x, TOp op, string name) where TOp : struct, IPointwiseOp
    {
        var xr = Raw(x, name);
        var y = Tensor.Zeros(x.ShapeArray, x.DType);
        if (x.DType == DType.Float32) Forward<float, TOp>(op, xr, y);
        else Forward<double, TOp>(op, xr, y);
        return Node.Record(y, name, [x], g =>
        {
            var gc = g.Contiguous();
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
            var xs = x.AsSpan<T>()[start..end];
            var ys = y.AsSpan<T>()[start..end];
            for (int i = 0; i < xs.Length; i++) ys[i] = op.Forward(xs[i]);
        });
    }

    private static void Backward<T, TOp>(TOp op, Tensor x, Tensor y, Tensor g, Tensor gx)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IPointwiseOp
    {
        if (g.DType != x.DType) g = g.To(x.DType);
        Parallelism.For(x.Numel, MinPerThread, (start, end) =>
        {
            var xs = x.AsSpan<T>()[start..end];
            var ys = y.AsSpan<T>()[start..end];
            var gs = g.AsSpan<T>()[start..end];
            var ds = gx.AsSpan<T>()[start..end];
            for (int i = 0; i < xs.Length; i++) ds[i] = gs[i] * op.Derivative(xs[i], ys[i]);
        });
    }
}
