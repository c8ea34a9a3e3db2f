using ILGPU;

namespace DeepSharp.Backends.Cuda;

/// <summary>Element-wise kernels over strided operands: one thread per output element, each
/// operand's element found from the shared coordinates and its own strides (0 where broadcast).</summary>
internal static class ElementWiseKernels
{
    public static void Copy<TS, NS, TD, ND>(Index1D i, ArrayView<TS> s, Strides6 ss, ArrayView<TD> d, Strides6 sd, Shape6 shape)
        where TS : unmanaged where NS : struct, INumeric<TS> where TD : unmanaged where ND : struct, INumeric<TD>
    {
        var c = shape.Coordinates(i);
        d[sd.At(c)] = default(ND).FromDouble(default(NS).ToDouble(s[ss.At(c)]));
    }

    public static void Fill<T, TN>(Index1D i, ArrayView<T> d, Strides6 sd, Shape6 shape, double value)
        where T : unmanaged where TN : struct, INumeric<T> =>
        d[sd.At(shape.Coordinates(i))] = default(TN).FromDouble(value);

    public static void Unary<T, TN>(Index1D i, ArrayView<T> x, Strides6 sx, ArrayView<T> d, Strides6 sd, Shape6 shape, int op)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var c = shape.Coordinates(i);
        d[sd.At(c)] = ScalarOps.Unary<T, TN>(op, x[sx.At(c)]);
    }

    public static void Binary<T, TN>(Index1D i, ArrayView<T> a, Strides6 sa, ArrayView<T> b, Strides6 sb, ArrayView<T> d, Strides6 sd, Shape6 shape, int op)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var c = shape.Coordinates(i);
        d[sd.At(c)] = ScalarOps.Binary<T, TN>(op, a[sa.At(c)], b[sb.At(c)]);
    }

    public static void Compare<T, TN, TD, ND>(Index1D i, ArrayView<T> a, Strides6 sa, ArrayView<T> b, Strides6 sb, ArrayView<TD> d, Strides6 sd, Shape6 shape, int op)
        where T : unmanaged where TN : struct, INumeric<T> where TD : unmanaged where ND : struct, INumeric<TD>
    {
        var c = shape.Coordinates(i);
        TN n = default;
        ND nd = default;
        d[sd.At(c)] = ScalarOps.Compare(op, n.ToDouble(a[sa.At(c)]), n.ToDouble(b[sb.At(c)])) ? nd.One : nd.Zero;
    }

    public static void Where<TC, NC, T>(Index1D i, ArrayView<TC> cond, Strides6 sc, ArrayView<T> a, Strides6 sa, ArrayView<T> b, Strides6 sb,
        ArrayView<T> d, Strides6 sd, Shape6 shape)
        where TC : unmanaged where NC : struct, INumeric<TC> where T : unmanaged
    {
        var c = shape.Coordinates(i);
        d[sd.At(c)] = default(NC).ToDouble(cond[sc.At(c)]) != 0 ? a[sa.At(c)] : b[sb.At(c)];
    }

    public static void ActivationBackward<T, TN>(Index1D i, ArrayView<T> y, ArrayView<T> gy, ArrayView<T> gx, int activation)
        where T : unmanaged where TN : struct, INumeric<T> =>
        gx[i] = ScalarOps.ActivationGrad<T, TN>(activation, y[i], gy[i]);

    public static void Pointwise<T, TN>(Index1D i, ArrayView<T> x, ArrayView<T> y, int kind, double a, double b)
        where T : unmanaged where TN : struct, INumeric<T> =>
        y[i] = PointwiseOps.Forward<T, TN>(kind, a, b, x[i]);

    public static void PointwiseBackward<T, TN>(Index1D i, ArrayView<T> x, ArrayView<T> y, ArrayView<T> gy, ArrayView<T> gx, int kind, double a, double b)
        where T : unmanaged where TN : struct, INumeric<T> =>
        gx[i] = PointwiseOps.Backward<T, TN>(kind, a, b, x[i], y[i], gy[i]);

    public static void PointwiseLoss<T, TN>(Index1D i, ArrayView<T> a, ArrayView<T> b, ArrayView<T> y, int kind)
        where T : unmanaged where TN : struct, INumeric<T> =>
        y[i] = PointwiseLossOps.Loss<T, TN>(kind, a[i], b[i]);

    public static void PointwiseLossBackward<T, TN>(Index1D i, ArrayView<T> a, ArrayView<T> b, ArrayView<T> gy, ArrayView<T> gd, int kind, int wrtB)
        where T : unmanaged where TN : struct, INumeric<T> =>
        gd[i] = default(TN).Mul(gy[i], wrtB != 0 ? PointwiseLossOps.DLossDb<T, TN>(kind, a[i], b[i]) : PointwiseLossOps.DLossDa<T, TN>(kind, a[i], b[i]));
}
