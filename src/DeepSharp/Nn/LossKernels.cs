using System.Numerics;
using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>An element-wise loss l(a, b) with both partial derivatives.</summary>
internal interface IPointwiseLoss
{
    T Loss<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>;
    T DLossDa<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>;
    T DLossDb<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Binary cross-entropy on probabilities p against targets t, each log clamped at -100
/// (so p = 0 or 1 costs at most 100, never ∞); the p-derivative divides by max(p(1 - p), 1e-12).</summary>
internal readonly struct BceOp : IPointwiseLoss
{
    private static T ClampedLog<T>(T v) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Max(T.Log(v), T.CreateTruncating(-100));

    public T Loss<T>(T p, T t) where T : unmanaged, IFloatingPointIeee754<T> =>
        -(t * ClampedLog(p) + (T.One - t) * ClampedLog(T.One - p));

    public T DLossDa<T>(T p, T t) where T : unmanaged, IFloatingPointIeee754<T> =>
        (p - t) / T.Max(p * (T.One - p), T.CreateTruncating(1e-12));

    public T DLossDb<T>(T p, T t) where T : unmanaged, IFloatingPointIeee754<T> =>
        ClampedLog(T.One - p) - ClampedLog(p);
}

/// <summary>Binary cross-entropy on logits x: max(x, 0) - x·t + log(1 + e^(-|x|)), which never
/// overflows; ∂/∂x = σ(x) - t, ∂/∂t = -x.</summary>
internal readonly struct BceWithLogitsOp : IPointwiseLoss
{
    public T Loss<T>(T x, T t) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Max(x, T.Zero) - x * t + T.LogP1(T.Exp(-T.Abs(x)));

    public T DLossDa<T>(T x, T t) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.One / (T.One + T.Exp(-x)) - t;

    public T DLossDb<T>(T x, T t) where T : unmanaged, IFloatingPointIeee754<T> => -x;
}

/// <summary>Runs an <see cref="IPointwiseLoss"/> over two same-shaped tensors as one primitive.</summary>
internal static class PointwiseLoss
{
    public static Tensor Apply<TOp>(Tensor a, Tensor b, TOp op, string name) where TOp : struct, IPointwiseLoss
    {
        var ar = Pointwise.Raw(a, name);
        var br = Pointwise.Raw(b, name);
        var y = Tensor.Zeros(a.ShapeArray, a.DType);
        if (a.DType == DType.Float32) Forward<float, TOp>(op, ar, br, y);
        else Forward<double, TOp>(op, ar, br, y);
        return Node.Record(y, name, [a, b], g =>
        {
            var gc = g.To(y.DType).Contiguous();
            Tensor? ga = a.RequiresGrad ? Tensor.Zeros(y.ShapeArray, y.DType) : null;
            Tensor? gb = b.RequiresGrad ? Tensor.Zeros(y.ShapeArray, y.DType) : null;
            if (y.DType == DType.Float32) Backward<float, TOp>(op, ar, br, gc, ga, gb);
            else Backward<double, TOp>(op, ar, br, gc, ga, gb);
            return [ga, gb];
        });
    }

    private static void Forward<T, TOp>(TOp op, Tensor a, Tensor b, Tensor y)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IPointwiseLoss
    {
        Span<T> xa = a.AsSpan<T>(), xb = b.AsSpan<T>(), ys = y.AsSpan<T>();
        for (int i = 0; i < ys.Length; i++) ys[i] = op.Loss(xa[i], xb[i]);
    }

    private static void Backward<T, TOp>(TOp op, Tensor a, Tensor b, Tensor g, Tensor? ga, Tensor? gb)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IPointwiseLoss
    {
        Span<T> xa = a.AsSpan<T>(), xb = b.AsSpan<T>(), gs = g.AsSpan<T>();
        if (ga is not null)
        {
            var d = ga.AsSpan<T>();
            for (int i = 0; i < d.Length; i++) d[i] = gs[i] * op.DLossDa(xa[i], xb[i]);
        }
        if (gb is not null)
        {
            var d = gb.AsSpan<T>();
            for (int i = 0; i < d.Length; i++) d[i] = gs[i] * op.DLossDb(xa[i], xb[i]);
        }
    }
}
