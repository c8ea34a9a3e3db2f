using ILGPU;

namespace DeepSharp.Backends.Cuda;

/// <summary>Reductions, softmax and cross-entropy: one thread per reduced line, walking it in
/// index order (a fixed order, so results do not vary run to run).</summary>
internal static class ReduceKernels
{
    /// <summary>d[o, i] = op over s of x[o, s, i]; op 0 sum, 1 max, 2 min (NaN wins).</summary>
    public static void Reduce<T, TN>(Index1D t, ArrayView<T> x, ArrayView<T> d, int size, int inner, int op)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int o = t / inner, i = t % inner, first = o * size * inner + i;
        if (op == (int)ReduceOp.Sum)
        {
            T acc = n.Zero;
            for (int r = 0; r < size; r++) acc = n.Add(acc, x[first + r * inner]);
            d[t] = acc;
            return;
        }
        bool max = op == (int)ReduceOp.Max;
        if (size == 0)
        {
            d[t] = n.FromDouble(max ? double.NegativeInfinity : double.PositiveInfinity);
            return;
        }
        T best = x[first];
        for (int r = 1; r < size && !n.IsNaN(best); r++)
        {
            T v = x[first + r * inner];
            if (n.IsNaN(v) || (max ? n.Greater(v, best) : n.Greater(best, v))) best = v;
        }
        d[t] = best;
    }

    /// <summary>Index of the first largest (smallest) element of each row; a NaN wins at once.</summary>
    public static void ArgReduce<T, TN>(Index1D row, ArrayView<T> x, ArrayView<int> d, int length, int max)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        if (length == 0)
        {
            d[row] = -1;
            return;
        }
        int first = row * length, best = 0;
        T bestValue = x[first];
        for (int i = 1; i < length && !n.IsNaN(bestValue); i++)
        {
            T v = x[first + i];
            if ((max != 0 ? n.Greater(v, bestValue) : n.Greater(bestValue, v)) || n.IsNaN(v))
            {
                best = i;
                bestValue = v;
            }
        }
        d[row] = best;
    }

    public static void Softmax<T, TN>(Index1D t, ArrayView<T> x, ArrayView<T> y, int size, int inner, int log)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int o = t / inner, i = t % inner, first = o * size * inner + i;
        T max = x[first];
        for (int k = 1; k < size; k++)
        {
            T v = x[first + k * inner];
            if (n.Greater(v, max)) max = v;
        }
        T sum = n.Zero;
        for (int k = 0; k < size; k++) sum = n.Add(sum, n.Exp(n.Sub(x[first + k * inner], max)));
        T logSum = n.Log(sum), inv = n.Div(n.One, sum);
        for (int k = 0; k < size; k++)
        {
            int p = first + k * inner;
            y[p] = log != 0 ? n.Sub(n.Sub(x[p], max), logSum) : n.Mul(n.Exp(n.Sub(x[p], max)), inv);
        }
    }

    public static void SoftmaxBackward<T, TN>(Index1D t, ArrayView<T> y, ArrayView<T> g, ArrayView<T> dx, int size, int inner, int log)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int o = t / inner, i = t % inner, first = o * size * inner + i;
        T acc = n.Zero;
        for (int k = 0; k < size; k++)
        {
            int p = first + k * inner;
            acc = n.Add(acc, log != 0 ? g[p] : n.Mul(g[p], y[p]));
        }
        for (int k = 0; k < size; k++)
        {
            int p = first + k * inner;
            dx[p] = log != 0 ? n.Sub(g[p], n.Mul(n.Exp(y[p]), acc)) : n.Mul(y[p], n.Sub(g[p], acc));
        }
    }

    /// <summary>One row of cross-entropy with label smoothing ε: probabilities and the loss.</summary>
    public static void CrossEntropy<T, TN>(Index1D row, ArrayView<T> x, ArrayView<int> targets, ArrayView<T> p, ArrayView<T> losses, int classes, double smoothing)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int first = row * classes;
        T max = x[first];
        for (int c = 1; c < classes; c++)
            if (n.Greater(x[first + c], max)) max = x[first + c];
        T sum = n.Zero, total = n.Zero;
        for (int c = 0; c < classes; c++)
        {
            T e = n.Exp(n.Sub(x[first + c], max));
            p[first + c] = e;
            sum = n.Add(sum, e);
            total = n.Add(total, x[first + c]);
        }
        T inv = n.Div(n.One, sum);
        for (int c = 0; c < classes; c++) p[first + c] = n.Mul(p[first + c], inv);
        T lse = n.Add(max, n.Log(sum)), eps = n.FromDouble(smoothing);
        T loss = n.Mul(n.Sub(n.One, eps), n.Sub(lse, x[first + targets[row]]));
        if (smoothing > 0) loss = n.Add(loss, n.Mul(eps, n.Sub(lse, n.Div(total, n.FromDouble(classes)))));
        losses[row] = loss;
    }

    public static void CrossEntropyBackward<T, TN>(Index1D e, ArrayView<T> p, ArrayView<int> targets, ArrayView<T> rowGrad, ArrayView<T> gx, int classes, double smoothing)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        TN n = default;
        int row = e / classes, c = e % classes;
        T v = n.Sub(p[e], n.FromDouble(smoothing / classes));
        if (targets[row] == c) v = n.Sub(v, n.Sub(n.One, n.FromDouble(smoothing)));
        gx[e] = n.Mul(v, rowGrad[row]);
    }
}
