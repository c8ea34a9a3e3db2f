using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Softmax and log-softmax along one axis of a contiguous (outer, size, inner) block. Rows along
/// the last dimension (inner = 1) take the vectorized path. The maximum is subtracted first, so
/// logits of ±1000 stay finite.
/// </summary>
internal static class SoftmaxKernels
{
    private const int MinPerThread = 1 << 15;

    public static void Forward(StorageView x, AxisBlock b, bool log, StorageView y)
    {
        if (CpuBackend.IsSingle(x.DType, "Softmax")) Forward<float>(x, y, b.Outer, b.Size, b.Inner, log);
        else Forward<double>(x, y, b.Outer, b.Size, b.Inner, log);
    }

    public static void Backward(StorageView y, StorageView g, AxisBlock b, bool log, StorageView gx)
    {
        if (CpuBackend.IsSingle(y.DType, "Softmax")) Backward<float>(y, g, gx, b.Outer, b.Size, b.Inner, log);
        else Backward<double>(y, g, gx, b.Outer, b.Size, b.Inner, log);
    }

    private static void Forward<T>(StorageView x, StorageView y, int outer, int size, int inner, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size == 0) return;
        Parallelism.For(outer, Math.Max(1, MinPerThread / Math.Max(1, size * inner)), (start, end) =>
        {
            var xs = x.Span<T>();
            var ys = y.Span<T>();
            for (int o = start; o < end; o++)
            {
                if (inner == 1) ForwardRow(xs.Slice(o * size, size), ys.Slice(o * size, size), log);
                else
                    for (int i = 0; i < inner; i++) ForwardStrided(xs, ys, o * size * inner + i, size, inner, log);
            }
        });
    }

    private static void ForwardRow<T>(ReadOnlySpan<T> x, Span<T> y, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        FloatMath.Exp<T>(y, y);
        T sum = TensorPrimitives.Sum<T>(y);
        if (log)
        {
            // (x − max) − log Σ, not x − (max + log Σ): the latter rounds max + log Σ at the size of the logits.
            TensorPrimitives.Subtract(x, max, y);
            TensorPrimitives.Subtract(y, T.Log(sum), y);
        }
        else TensorPrimitives.Multiply(y, T.One / sum, y);
    }

    private static void ForwardStrided<T>(ReadOnlySpan<T> x, Span<T> y, int first, int size, int stride, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = x[first];
        for (int k = 1; k < size; k++) max = T.Max(max, x[first + k * stride]);
        T sum = T.Zero;
        for (int k = 0; k < size; k++) sum += T.Exp(x[first + k * stride] - max);
        T logSum = T.Log(sum), inv = T.One / sum;
        for (int k = 0; k < size; k++)
        {
            int p = first + k * stride;
            y[p] = log ? x[p] - max - logSum : T.Exp(x[p] - max) * inv;
        }
    }

    // Softmax: dx_i = y_i (g_i - Σ_j g_j y_j), the full Jacobian product.
    // Log-softmax: dx_i = g_i - softmax_i Σ_j g_j, with softmax = e^y.
    private static void Backward<T>(StorageView y, StorageView g, StorageView gx, int outer, int size, int inner, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size == 0) return;
        Parallelism.For(outer, Math.Max(1, MinPerThread / Math.Max(1, size * inner)), (start, end) =>
        {
            var ys = y.Span<T>();
            var gs = g.Span<T>();
            var ds = gx.Span<T>();
            for (int o = start; o < end; o++)
            {
                if (inner == 1)
                {
                    var yr = ys.Slice(o * size, size);
                    var gr = gs.Slice(o * size, size);
                    var dr = ds.Slice(o * size, size);
                    if (log)
                    {
                        T gSum = TensorPrimitives.Sum<T>(gr);
                        FloatMath.Exp<T>(yr, dr);
                        TensorPrimitives.Multiply(dr, gSum, dr);
                        TensorPrimitives.Subtract(gr, dr, dr);
                    }
                    else
                    {
                        T dot = TensorPrimitives.Dot<T>(gr, yr);
                        TensorPrimitives.Subtract(gr, dot, dr);
                        TensorPrimitives.Multiply(dr, yr, dr);
                    }
                }
                else
                    for (int i = 0; i < inner; i++) BackwardStrided(ys, gs, ds, o * size * inner + i, size, inner, log);
            }
        });
    }

    private static void BackwardStrided<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx, int first, int size, int stride, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T acc = T.Zero;
        for (int k = 0; k < size; k++)
        {
            int p = first + k * stride;
            acc += log ? g[p] : g[p] * y[p];
        }
        for (int k = 0; k < size; k++)
        {
            int p = first + k * stride;
            dx[p] = log ? g[p] - T.Exp(y[p]) * acc : y[p] * (g[p] - acc);
        }
    }
}
