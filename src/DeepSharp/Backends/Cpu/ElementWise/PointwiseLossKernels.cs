using System.Numerics;
namespace DeepSharp.Backends.Cpu;

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
        T.Max(x, T.Zero) - x * t + FloatMath.Log1P(T.Exp(-T.Abs(x)));

    public T DLossDa<T>(T x, T t) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.One / (T.One + T.Exp(-x)) - t;

    public T DLossDb<T>(T x, T t) where T : unmanaged, IFloatingPointIeee754<T> => -x;
}

/// <summary>Runs an <see cref="IPointwiseLoss"/> over two same-shaped contiguous views.</summary>
internal static class PointwiseLossKernels
{
    public static void Forward(PointwiseLossKind loss, StorageView a, StorageView b, StorageView y)
    {
        if (loss == PointwiseLossKind.BinaryCrossEntropy) Forward(new BceOp(), a, b, y);
        else Forward(new BceWithLogitsOp(), a, b, y);
    }

    public static void Backward(PointwiseLossKind loss, StorageView a, StorageView b, StorageView g, StorageView? ga, StorageView? gb)
    {
        if (loss == PointwiseLossKind.BinaryCrossEntropy) Backward(new BceOp(), a, b, g, ga, gb);
        else Backward(new BceWithLogitsOp(), a, b, g, ga, gb);
    }

    private static void Forward<TOp>(TOp op, StorageView a, StorageView b, StorageView y) where TOp : struct, IPointwiseLoss
    {
        if (CpuBackend.IsSingle(y.DType, "PointwiseLoss"))
            Forward<float, TOp>(op, a, b, y);
        else
            Forward<double, TOp>(op, a, b, y);
    }

    private static void Backward<TOp>(TOp op, StorageView a, StorageView b, StorageView g, StorageView? ga, StorageView? gb) where TOp : struct, IPointwiseLoss
    {
        if (CpuBackend.IsSingle(g.DType, "PointwiseLoss"))
            Backward<float, TOp>(op, a, b, g, ga, gb);
        else
            Backward<double, TOp>(op, a, b, g, ga, gb);
    }

    private static void Forward<T, TOp>(TOp op, StorageView a, StorageView b, StorageView y)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IPointwiseLoss
    {
        Span<T> xa = a.Span<T>(), xb = b.Span<T>(), ys = y.Span<T>();
        for (int i = 0; i < ys.Length; i++) ys[i] = op.Loss(xa[i], xb[i]);
    }

    private static void Backward<T, TOp>(TOp op, StorageView a, StorageView b, StorageView g, StorageView? ga, StorageView? gb)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IPointwiseLoss
    {
        Span<T> xa = a.Span<T>(), xb = b.Span<T>(), gs = g.Span<T>();
        if (ga is { } va)
        {
            var d = va.Span<T>();
            for (int i = 0; i < d.Length; i++) d[i] = gs[i] * op.DLossDa(xa[i], xb[i]);
        }
        if (gb is { } vb)
        {
            var d = vb.Span<T>();
            for (int i = 0; i < d.Length; i++) d[i] = gs[i] * op.DLossDb(xa[i], xb[i]);
        }
    }
}
