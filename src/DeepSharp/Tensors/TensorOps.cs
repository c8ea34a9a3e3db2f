using System.Numerics;
using DeepSharp.Kernels;

namespace DeepSharp.Tensors;

/// <summary>
/// The raw (not recorded) element-wise computations behind tensor operations: broadcasting,
/// dtype dispatch and the strided walk, ending in the span kernels of <see cref="Kernels"/>.
/// The autograd primitives call these for their forward passes.
/// </summary>
internal static class TensorOps
{
    public static Tensor Binary(BinaryOp op, Tensor a, Tensor b, string name)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"{name}: dtypes differ: {a.DType} {Shapes.Format(a._shape)} and {b.DType} {Shapes.Format(b._shape)}.");
        var outShape = Shapes.SameShape(a._shape, b._shape) ? a.ShapeArray : Shapes.Broadcast(a._shape, b._shape, name);
        var result = Tensor.Empty(a.DType, outShape);
        switch (a.DType)
        {
            case DType.Float32: BinaryInto<float>(op, a, b, result); break;
            case DType.Float64: BinaryInto<double>(op, a, b, result); break;
            default: throw NotFloat(name, a);
        }
        return result;
    }

    private readonly struct BinaryKernel<T>(BinaryOp op, T[] a, T[] b, T[] d) : IRowKernel
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            Span<T> dst = d.AsSpan(o[2], n);
            if (s[0] == 1 && s[1] == 1) ElementWise.Binary(op, a.AsSpan(o[0], n), b.AsSpan(o[1], n), dst);
            else if (s[0] == 1 && s[1] == 0) ElementWise.Binary(op, a.AsSpan(o[0], n), b[o[1]], dst);
            else if (s[0] == 0 && s[1] == 1) ElementWise.Binary(op, a[o[0]], b.AsSpan(o[1], n), dst);
            else
                for (int i = 0, ia = o[0], ib = o[1]; i < n; i++, ia += s[0], ib += s[1])
                    dst[i] = ElementWise.Scalar(op, a[ia], b[ib]);
        }
    }

    /// <summary>d = op(a, b) with a and b broadcast to d's shape; d must be contiguous.</summary>
    public static void BinaryInto<T>(BinaryOp op, Tensor a, Tensor b, Tensor d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] ad = Tensor.ArrayOf<T>(a), bd = Tensor.ArrayOf<T>(b), dd = Tensor.ArrayOf<T>(d);
        int n = d.Numel;
        if (a.IsContiguous && b.IsContiguous && Shapes.SameShape(a._shape, b._shape) && n < Parallelism.ElementWiseThreshold)
        {
            ElementWise.Binary(op, ad.AsSpan(a._offset, n), bd.AsSpan(b._offset, n), dd.AsSpan(d._offset, n));
            return;
        }
        StridedLoops.Run(new BinaryKernel<T>(op, ad, bd, dd), d._shape,
            [StridedLoops.BroadcastStrides(a, d._shape), StridedLoops.BroadcastStrides(b, d._shape), d._strides],
            [a._offset, b._offset, d._offset]);
    }

    public static Tensor Unary(UnaryOp op, Tensor x, string name)
    {
        var result = Tensor.Empty(x.DType, x.ShapeArray);
        switch (x.DType)
        {
            case DType.Float32: UnaryInto<float>(op, x, result); break;
            case DType.Float64: UnaryInto<double>(op, x, result); break;
            default: throw NotFloat(name, x);
        }
        return result;
    }

    private readonly struct UnaryKernel<T>(UnaryOp op, T[] x, T[] d) : IRowKernel
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            Span<T> dst = d.AsSpan(o[1], n);
            if (s[0] == 1) ElementWise.Unary(op, x.AsSpan(o[0], n), dst);
            else
                for (int i = 0, ix = o[0]; i < n; i++, ix += s[0])
                    dst[i] = ElementWise.Scalar(op, x[ix]);
        }
    }

    private static void UnaryInto<T>(UnaryOp op, Tensor x, Tensor d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] xd = Tensor.ArrayOf<T>(x), dd = Tensor.ArrayOf<T>(d);
        if (x.IsContiguous && x.Numel < Parallelism.ElementWiseThreshold)
        {
            ElementWise.Unary(op, xd.AsSpan(x._offset, x.Numel), dd.AsSpan(0, x.Numel));
            return;
        }
        StridedLoops.Run(new UnaryKernel<T>(op, xd, dd), x._shape, [x._strides, d._strides], [x._offset, 0]);
    }

    /// <summary>A contiguous tensor with the same values (the input itself when already contiguous).</summary>
    public static Tensor Contiguous(Tensor x) => x.IsContiguous ? x : x.CloneRaw();

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(DType dtype, int[] shape, double value)
    {
        var t = Tensor.Empty(dtype, shape);
        switch (dtype)
        {
            case DType.Float32: t.AsSpan<float>().Fill((float)value); break;
            case DType.Float64: t.AsSpan<double>().Fill(value); break;
            default: t.AsSpan<int>().Fill(checked((int)value)); break;
        }
        return t;
    }

    internal static NotSupportedException NotFloat(string name, Tensor t) =>
        new($"{name}: needs a floating-point tensor, got {t.DType} {Shapes.Format(t._shape)}; convert with To(DType.Float32).");
}
