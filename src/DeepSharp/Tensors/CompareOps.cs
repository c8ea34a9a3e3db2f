using System.Numerics;
using DeepSharp.Kernels;

namespace DeepSharp.Tensors;

/// <summary>Raw comparisons producing 0 / 1 masks, and the three-way select behind <c>Where</c>.</summary>
internal static class CompareOps
{
    /// <summary>The dtype of a mask for inputs of <paramref name="dtype"/>: floats keep theirs, Int32 gives Float32.</summary>
    public static DType MaskType(DType dtype) => dtype == DType.Int32 ? DType.Float32 : dtype;

    public static Tensor Compare(ComparisonOp op, Tensor a, Tensor b, string name)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"{name}: dtypes differ: {a.DType} {Shapes.Format(a._shape)} and {b.DType} {Shapes.Format(b._shape)}.");
        var shape = Shapes.Broadcast(a._shape, b._shape, name);
        var result = Tensor.Empty(MaskType(a.DType), shape);
        switch (a.DType)
        {
            case DType.Float32: Run(new FloatCompareKernel<float>(op, Tensor.ArrayOf<float>(a), Tensor.ArrayOf<float>(b), Tensor.ArrayOf<float>(result)), a, b, result); break;
            case DType.Float64: Run(new FloatCompareKernel<double>(op, Tensor.ArrayOf<double>(a), Tensor.ArrayOf<double>(b), Tensor.ArrayOf<double>(result)), a, b, result); break;
            default: Run(new IntCompareKernel(op, Tensor.ArrayOf<int>(a), Tensor.ArrayOf<int>(b), Tensor.ArrayOf<float>(result)), a, b, result); break;
        }
        return result;
    }

    /// <summary>x op y is y (op mirrored) x: lets a broadcast left operand use the span-scalar kernel.</summary>
    private static ComparisonOp Mirror(ComparisonOp op) => op switch
    {
        ComparisonOp.Greater => ComparisonOp.Less,
        ComparisonOp.GreaterOrEqual => ComparisonOp.LessOrEqual,
        ComparisonOp.Less => ComparisonOp.Greater,
        ComparisonOp.LessOrEqual => ComparisonOp.GreaterOrEqual,
        _ => op,
    };

    private static void Run<TK>(TK kernel, Tensor a, Tensor b, Tensor d) where TK : struct, IRowKernel =>
        StridedLoops.Run(kernel, d._shape,
            [StridedLoops.BroadcastStrides(a, d._shape), StridedLoops.BroadcastStrides(b, d._shape), d._strides],
            [a._offset, b._offset, 0]);

    /// <summary>Float comparisons: SIMD on contiguous and scalar-broadcast rows.</summary>
    private readonly struct FloatCompareKernel<T>(ComparisonOp op, T[] a, T[] b, T[] d) : IRowKernel
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            Span<T> dst = d.AsSpan(o[2], n);
            if (s[0] == 1 && s[1] == 1) ElementWise.Compare(op, a.AsSpan(o[0], n), b.AsSpan(o[1], n), dst);
            else if (s[0] == 1 && s[1] == 0) ElementWise.Compare(op, a.AsSpan(o[0], n), b[o[1]], dst);
            else if (s[0] == 0 && s[1] == 1) ElementWise.Compare(Mirror(op), b.AsSpan(o[1], n), a[o[0]], dst);
            else
                for (int i = 0, ia = o[0], ib = o[1]; i < n; i++, ia += s[0], ib += s[1])
                    dst[i] = ElementWise.Scalar(op, a[ia], b[ib]);
        }
    }

    /// <summary>Int32 comparisons (labels, indices) giving Float32 masks.</summary>
    private readonly struct IntCompareKernel(ComparisonOp op, int[] a, int[] b, float[] d) : IRowKernel
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
                d[id] = r ? 1f : 0f;
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

    /// <summary>where(c != 0, a, b), all three broadcast together.</summary>
    public static Tensor Where(Tensor cond, Tensor a, Tensor b)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"Where: dtypes differ: {a.DType} {Shapes.Format(a._shape)} and {b.DType} {Shapes.Format(b._shape)}.");
        var shape = Shapes.Broadcast(Shapes.Broadcast(cond._shape, a._shape, "Where"), b._shape, "Where");
        var d = Tensor.Empty(a.DType, shape);
        switch (a.DType, cond.DType)
        {
            case (DType.Float32, DType.Float32): RunWhere<float, float>(cond, a, b, d); break;
            case (DType.Float32, DType.Float64): RunWhere<float, double>(cond, a, b, d); break;
            case (DType.Float32, DType.Int32): RunWhere<float, int>(cond, a, b, d); break;
            case (DType.Float64, DType.Float32): RunWhere<double, float>(cond, a, b, d); break;
            case (DType.Float64, DType.Float64): RunWhere<double, double>(cond, a, b, d); break;
            case (DType.Float64, DType.Int32): RunWhere<double, int>(cond, a, b, d); break;
            case (DType.Int32, DType.Float32): RunWhere<int, float>(cond, a, b, d); break;
            case (DType.Int32, DType.Float64): RunWhere<int, double>(cond, a, b, d); break;
            default: RunWhere<int, int>(cond, a, b, d); break;
        }
        return d;
    }

    private static void RunWhere<T, TC>(Tensor c, Tensor a, Tensor b, Tensor d)
        where T : unmanaged where TC : unmanaged, INumber<TC>
    {
        StridedLoops.Run(new WhereKernel<T, TC>(Tensor.ArrayOf<TC>(c), Tensor.ArrayOf<T>(a), Tensor.ArrayOf<T>(b), Tensor.ArrayOf<T>(d)), d._shape,
            [StridedLoops.BroadcastStrides(c, d._shape), StridedLoops.BroadcastStrides(a, d._shape), StridedLoops.BroadcastStrides(b, d._shape), d._strides],
            [c._offset, a._offset, b._offset, 0]);
    }
}
