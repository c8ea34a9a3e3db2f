using System.Numerics;

namespace DeepSharp.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <summary>Elements per gathered chunk of a strided row (two chunks live on the stack).</summary>
    private const int GatherChunk = 256;

    /// <inheritdoc/>
    public void Unary(UnaryOp op, StorageView x, StorageView dst)
    {
        if (IsSingle(dst.DType, op.ToString()))
            UnaryInto<float>(op, x, dst);
        else
            UnaryInto<double>(op, x, dst);
    }

    /// <inheritdoc/>
    public void Binary(BinaryOp op, StorageView a, StorageView b, StorageView dst)
    {
        if (IsSingle(dst.DType, op.ToString()))
            BinaryInto<float>(op, a, b, dst);
        else
            BinaryInto<double>(op, a, b, dst);
    }

    /// <inheritdoc/>
    public void Compare(ComparisonOp op, StorageView a, StorageView b, StorageView dst)
    {
        switch (a.DType, dst.DType)
        {
            case (DType.Float32, DType.Float32): Run(new FloatCompareKernel<float>(op, a.HostArray<float>(), b.HostArray<float>(), dst.HostArray<float>()), a, b, dst); break;
            case (DType.Float64, DType.Float64): Run(new FloatCompareKernel<double>(op, a.HostArray<double>(), b.HostArray<double>(), dst.HostArray<double>()), a, b, dst); break;
            case (DType.Int32, DType.Float32): Run(new IntCompareKernel<float>(op, a.HostArray<int>(), b.HostArray<int>(), dst.HostArray<float>()), a, b, dst); break;
            case (DType.Int32, DType.Float64): Run(new IntCompareKernel<double>(op, a.HostArray<int>(), b.HostArray<int>(), dst.HostArray<double>()), a, b, dst); break;
            default: throw new ArgumentException($"Compare: {a.DType} operands with a {dst.DType} mask are not supported.");
        }
    }

    /// <inheritdoc/>
    public void Where(StorageView condition, StorageView a, StorageView b, StorageView dst)
    {
        switch (dst.DType, condition.DType)
        {
            case (DType.Float32, DType.Float32): RunWhere<float, float>(condition, a, b, dst); break;
            case (DType.Float32, DType.Float64): RunWhere<float, double>(condition, a, b, dst); break;
            case (DType.Float32, DType.Int32): RunWhere<float, int>(condition, a, b, dst); break;
            case (DType.Float64, DType.Float32): RunWhere<double, float>(condition, a, b, dst); break;
            case (DType.Float64, DType.Float64): RunWhere<double, double>(condition, a, b, dst); break;
            case (DType.Float64, DType.Int32): RunWhere<double, int>(condition, a, b, dst); break;
            case (DType.Int32, DType.Float32): RunWhere<int, float>(condition, a, b, dst); break;
            case (DType.Int32, DType.Float64): RunWhere<int, double>(condition, a, b, dst); break;
            default: RunWhere<int, int>(condition, a, b, dst); break;
        }
    }

    /// <inheritdoc/>
    public void Pointwise(PointwiseFunction f, StorageView x, StorageView y) => PointwiseKernels.Forward(f, x, y);

    /// <inheritdoc/>
    public void PointwiseBackward(PointwiseFunction f, StorageView x, StorageView y, StorageView gy, StorageView gx) =>
        PointwiseKernels.Backward(f, x, y, gy, gx);

    /// <inheritdoc/>
    public void ActivationBackward(Activation activation, StorageView y, StorageView gy, StorageView gx)
    {
        if (gx.DType == DType.Float32)
        {
            ActivationGrad.Apply(activation, gy.Span<float>(), y.Span<float>(), gx.Span<float>());
            return;
        }
        if (IsSingle(gx.DType, "ActivationBackward")) return;
        {
            ReadOnlySpan<double> gs = gy.Span<double>(), ys = y.Span<double>();
            Span<double> ds = gx.Span<double>();
            for (int i = 0; i < ds.Length; i++)
                ds[i] = activation switch
                {
                    Activation.None => gs[i],
                    Activation.Relu => ys[i] > 0 ? gs[i] : 0,
                    Activation.Tanh => gs[i] * (1 - ys[i] * ys[i]),
                    _ => gs[i] * ys[i] * (1 - ys[i]),
                };
        }
    }

    /// <inheritdoc/>
    public void PointwiseLoss(PointwiseLossKind loss, StorageView a, StorageView b, StorageView y) =>
        PointwiseLossKernels.Forward(loss, a, b, y);

    /// <inheritdoc/>
    public void PointwiseLossBackward(PointwiseLossKind loss, StorageView a, StorageView b, StorageView gy, StorageView? ga, StorageView? gb) =>
        PointwiseLossKernels.Backward(loss, a, b, gy, ga, gb);

    private static void BinaryInto<T>(BinaryOp op, StorageView a, StorageView b, StorageView d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] ad = a.HostArray<T>(), bd = b.HostArray<T>(), dd = d.HostArray<T>();
        int n = d.Numel;
        if (n < Parallelism.ElementWiseThreshold && a.IsContiguous && b.IsContiguous && d.IsContiguous)
        {
            ElementWise.Binary(op, ad.AsSpan(a.Offset, n), bd.AsSpan(b.Offset, n), dd.AsSpan(d.Offset, n));
            return;
        }
        StridedLoops.Run(new BinaryKernel<T>(op, ad, bd, dd), d._shape, [a._strides, b._strides, d._strides], [a.Offset, b.Offset, d.Offset]);
    }

    private static void UnaryInto<T>(UnaryOp op, StorageView x, StorageView d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] xd = x.HostArray<T>(), dd = d.HostArray<T>();
        int n = d.Numel;
        if (n < Parallelism.ElementWiseThreshold && x.IsContiguous && d.IsContiguous)
        {
            ElementWise.Unary(op, xd.AsSpan(x.Offset, n), dd.AsSpan(d.Offset, n));
            return;
        }
        StridedLoops.Run(new UnaryKernel<T>(op, xd, dd), d._shape, [x._strides, d._strides], [x.Offset, d.Offset]);
    }

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

    private readonly struct BinaryKernel<T>(BinaryOp op, T[] a, T[] b, T[] d) : IRowKernel
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            Span<T> dst = d.AsSpan(o[2], n);
            int sa = s[0], sb = s[1];
            if (s[2] != 1)
            {
                // a strided destination (an in-place write through a view): element by element
                for (int i = 0, ia = o[0], ib = o[1], id = o[2]; i < n; i++, ia += sa, ib += sb, id += s[2])
                    d[id] = ElementWise.Scalar(op, a[ia], b[ib]);
            }
            else if (sa == 1 && sb == 1) ElementWise.Binary(op, a.AsSpan(o[0], n), b.AsSpan(o[1], n), dst);
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

    private readonly struct UnaryKernel<T>(UnaryOp op, T[] x, T[] d) : IRowKernel
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            int sx = s[0];
            if (s[1] != 1)
            {
                for (int i = 0, ix = o[0], id = o[1]; i < n; i++, ix += sx, id += s[1]) d[id] = ElementWise.Scalar(op, x[ix]);
                return;
            }
            Span<T> dst = d.AsSpan(o[1], n);
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

    private static void Run<TK>(TK kernel, StorageView a, StorageView b, StorageView d) where TK : struct, IRowKernel =>
        StridedLoops.Run(kernel, d._shape, [a._strides, b._strides, d._strides], [a.Offset, b.Offset, d.Offset]);

    /// <summary>x op y is y (op mirrored) x: lets a broadcast left operand use the span-scalar kernel.</summary>
    private static ComparisonOp Mirror(ComparisonOp op) => op switch
    {
        ComparisonOp.Greater => ComparisonOp.Less,
        ComparisonOp.GreaterOrEqual => ComparisonOp.LessOrEqual,
        ComparisonOp.Less => ComparisonOp.Greater,
        ComparisonOp.LessOrEqual => ComparisonOp.GreaterOrEqual,
        _ => op,
    };

    /// <summary>Float comparisons: SIMD on contiguous and scalar-broadcast rows.</summary>
    private readonly struct FloatCompareKernel<T>(ComparisonOp op, T[] a, T[] b, T[] d) : IRowKernel
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            if (s[2] == 1)
            {
                Span<T> dst = d.AsSpan(o[2], n);
                if (s[0] == 1 && s[1] == 1) { ElementWise.Compare(op, a.AsSpan(o[0], n), b.AsSpan(o[1], n), dst); return; }
                if (s[0] == 1 && s[1] == 0) { ElementWise.Compare(op, a.AsSpan(o[0], n), b[o[1]], dst); return; }
                if (s[0] == 0 && s[1] == 1) { ElementWise.Compare(Mirror(op), b.AsSpan(o[1], n), a[o[0]], dst); return; }
            }
            for (int i = 0, ia = o[0], ib = o[1], id = o[2]; i < n; i++, ia += s[0], ib += s[1], id += s[2])
                d[id] = ElementWise.Scalar(op, a[ia], b[ib]);
        }
    }

    /// <summary>Int32 comparisons (labels, indices) giving floating-point masks.</summary>
    private readonly struct IntCompareKernel<TM>(ComparisonOp op, int[] a, int[] b, TM[] d) : IRowKernel
        where TM : unmanaged, INumberBase<TM>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            for (int i = 0, ia = o[0], ib = o[1], id = o[2]; i < n; i++, ia += s[0], ib += s[1], id += s[2])
            {
                int x = a[ia], y = b[ib];
                bool r = op switch
                {
                    ComparisonOp.Equal => x == y,
                    ComparisonOp.NotEqual => x != y,
                    ComparisonOp.Greater => x > y,
                    ComparisonOp.GreaterOrEqual => x >= y,
                    ComparisonOp.Less => x < y,
                    _ => x <= y,
                };
                d[id] = r ? TM.One : TM.Zero;
            }
        }
    }

    private readonly struct WhereKernel<T, TC>(TC[] c, T[] a, T[] b, T[] d) : IRowKernel
        where T : unmanaged where TC : unmanaged, INumber<TC>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            for (int i = 0, ic = o[0], ia = o[1], ib = o[2], id = o[3]; i < n; i++, ic += s[0], ia += s[1], ib += s[2], id += s[3])
                d[id] = c[ic] != TC.Zero ? a[ia] : b[ib];
        }
    }

    private static void RunWhere<T, TC>(StorageView c, StorageView a, StorageView b, StorageView d)
        where T : unmanaged where TC : unmanaged, INumber<TC> =>
        StridedLoops.Run(new WhereKernel<T, TC>(c.HostArray<TC>(), a.HostArray<T>(), b.HostArray<T>(), d.HostArray<T>()), d._shape,
            [c._strides, a._strides, b._strides, d._strides], [c.Offset, a.Offset, b.Offset, d.Offset]);
}
