using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using DeepSharp.Autograd;
using DeepSharp.Kernels;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Softmax and log-softmax along one dimension as fused primitives. The input is viewed as
/// (outer, size, inner) around the dimension; rows along the last dimension (inner = 1) take the
/// vectorized path. The maximum is subtracted first, so logits of ±1000 stay finite.
/// </summary>
internal static class SoftmaxKernel
{
    private const int MinPerThread = 1 << 15;

    public static Tensor Apply(Tensor x, int dim, bool log)
    {
        string name = log ? "LogSoftmax" : "Softmax";
        var xr = Pointwise.Raw(x, name);
        if (x.Rank == 0) xr = xr.Reshape(1);
        int d = Shapes.NormalizeDim(dim, xr.Rank, name);
        var shape = xr.ShapeArray;
        int outer = 1, inner = 1, size = shape[d];
        for (int i = 0; i < d; i++) outer *= shape[i];
        for (int i = d + 1; i < shape.Length; i++) inner *= shape[i];

        var y = Tensor.Zeros(x.ShapeArray, x.DType);
        if (x.DType == DType.Float32) Forward<float>(xr, y, outer, size, inner, log);
        else Forward<double>(xr, y, outer, size, inner, log);
        return Node.Record(y, name, [x], g =>
        {
            var gc = g.To(y.DType).Contiguous();
            var gx = Tensor.Zeros(y.ShapeArray, y.DType);
            if (y.DType == DType.Float32) Backward<float>(y, gc, gx, outer, size, inner, log);
            else Backward<double>(y, gc, gx, outer, size, inner, log);
            return [gx];
        });
    }

    private static void Forward<T>(Tensor x, Tensor y, int outer, int size, int inner, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size == 0) return;
        Parallelism.For(outer, Math.Max(1, MinPerThread / Math.Max(1, size * inner)), (start, end) =>
        {
            var xs = x.AsSpan<T>();
            var ys = y.AsSpan<T>();
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
        TensorPrimitives.Exp(y, y);
        T sum = TensorPrimitives.Sum<T>(y);
        if (log) TensorPrimitives.Subtract(x, max + T.Log(sum), y);
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
    private static void Backward<T>(Tensor y, Tensor g, Tensor gx, int outer, int size, int inner, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size == 0) return;
        Parallelism.For(outer, Math.Max(1, MinPerThread / Math.Max(1, size * inner)), (start, end) =>
        {
            var ys = y.AsSpan<T>();
            var gs = g.AsSpan<T>();
            var ds = gx.AsSpan<T>();
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
                        TensorPrimitives.Exp(yr, dr);
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
