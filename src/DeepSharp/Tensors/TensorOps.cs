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
            int sa = s[0], sb = s[1];
            if (sa == 1 && sb == 1) ElementWise.Binary(op, a.AsSpan(o[0], n), b.AsSpan(o[1], n), dst);
            else if (sa == 1 && sb == 0) ElementWise.Binary(op, a.AsSpan(o[0], n), b[o[1]], dst);
            else if (sa == 0 && sb == 1) ElementWise.Binary(op, a[o[0]], b.AsSpan(o[1], n), dst);
            else if (sa == 0 && sb == 0) dst.Fill(ElementWise.Scalar(op, a[o[0]], b[o[1]]));
            else
            {
                // A strided operand (a transposed view): gather chunks into stack buffers, then SIMD.
                Span<T> bufA = stackalloc T[GatherChunk], bufB = stackalloc T[GatherChunk];
                for (int i = 0; i < n; i += GatherChunk)
                {
                    int len = Math.Min(GatherChunk, n - i);
                    ElementWise.Binary(op, Gather(a, o[0] + i * sa, sa, bufA[..len]), Gather(b, o[1] + i * sb, sb, bufB[..len]), dst.Slice(i, len));
                }
            }
        }
    }

    /// <summary>Elements per gathered chunk of a strided row (two chunks live on the stack).</summary>
    private const int GatherChunk = 256;

    /// <summary>The <paramref name="buffer"/>.Length elements from <paramref name="offset"/> with <paramref name="stride"/>, as a span.</summary>
    private static ReadOnlySpan<T> Gather<T>(T[] source, int offset, int stride, Span<T> buffer)
    {
        if (stride == 1) return source.AsSpan(offset, buffer.Length);
        if (stride == 0)
        {
            buffer.Fill(source[offset]);
            return buffer;
        }
        for (int i = 0, j = offset; i < buffer.Length; i++, j += stride) buffer[i] = source[j];
        return buffer;
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
            int sx = s[0];
            if (sx == 1) ElementWise.Unary(op, x.AsSpan(o[0], n), dst);
            else if (sx == 0) dst.Fill(ElementWise.Scalar(op, x[o[0]]));
            else
            {
                Span<T> buf = stackalloc T[GatherChunk];
                for (int i = 0; i < n; i += GatherChunk)
                {
                    int len = Math.Min(GatherChunk, n - i);
                    ElementWise.Unary(op, Gather(x, o[0] + i * sx, sx, buf[..len]), dst.Slice(i, len));
                }
            }
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
