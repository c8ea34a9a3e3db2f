using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Cross-entropy of (N, C) logits against class indices, fused: per row
/// lse = m + log Σ e^(x_c - m) with m the row maximum, loss = (1 - ε)(lse - x_t) + ε(lse - mean_c x_c);
/// backward dx_c = g_n (softmax_c - (1 - ε)·[c = t] - ε / C).
/// </summary>
internal static class CrossEntropyKernels
{
    private const int MinPerThread = 1 << 15;

    public static void Forward(StorageView logits, StorageView targets, double smoothing, StorageView probabilities, StorageView losses)
    {
        CheckTargets(targets, logits.Shape[1]);
        if (CpuBackend.IsSingle(logits.DType, "CrossEntropy")) Forward<float>(logits, targets, smoothing, probabilities, losses);
        else Forward<double>(logits, targets, smoothing, probabilities, losses);
    }

    public static void Backward(StorageView probabilities, StorageView targets, StorageView rowGrad, double smoothing, StorageView gx)
    {
        if (CpuBackend.IsSingle(probabilities.DType, "CrossEntropy")) Backward<float>(probabilities, rowGrad, targets, smoothing, gx);
        else Backward<double>(probabilities, rowGrad, targets, smoothing, gx);
    }

    private static void CheckTargets(StorageView targets, int classes)
    {
        foreach (int t in targets.Span<int>())
            if ((uint)t >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(targets), t, $"CrossEntropy: class index {t} is outside [0, {classes}).");
    }

    private static void Forward<T>(StorageView x, StorageView targets, double smoothing, StorageView probabilities, StorageView losses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = x.Shape[1];
        T eps = T.CreateTruncating(smoothing), keep = T.One - eps, count = T.CreateTruncating(c);
        Parallelism.For(x.Shape[0], Math.Max(1, MinPerThread / Math.Max(1, c)), (start, end) =>
        {
            for (int row = start; row < end; row++)
            {
                var xs = x.Span<T>().Slice(row * c, c);
                var ps = probabilities.Span<T>().Slice(row * c, c);
                T max = TensorPrimitives.Max<T>(xs);
                TensorPrimitives.Subtract(xs, max, ps);
                T shiftedSum = smoothing > 0 ? TensorPrimitives.Sum<T>(ps) : T.Zero; // Σ (x − max), for the smoothing term
                FloatMath.Exp<T>(ps, ps);
                T sum = TensorPrimitives.Sum<T>(ps);
                TensorPrimitives.Multiply(ps, T.One / sum, ps);
                // lse − x_t as (max − x_t) + log Σ: max + log Σ would round at the size of the logits.
                T logSum = T.Log(sum);
                T loss = keep * (max - xs[targets.Span<int>()[row]] + logSum);
                if (smoothing > 0) loss += eps * (logSum - shiftedSum / count); // −mean(log-softmax), as PyTorch

                losses.Span<T>()[row] = loss;
            }
        });
    }

    private static void Backward<T>(StorageView probabilities, StorageView rowGrad, StorageView targets, double smoothing, StorageView gx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = probabilities.Shape[1];
        T keep = T.One - T.CreateTruncating(smoothing), spread = T.CreateTruncating(smoothing / c);
        Parallelism.For(probabilities.Shape[0], Math.Max(1, MinPerThread / Math.Max(1, c)), (start, end) =>
        {
            for (int row = start; row < end; row++)
            {
                var ps = probabilities.Span<T>().Slice(row * c, c);
                var ds = gx.Span<T>().Slice(row * c, c);
                T g = rowGrad.Span<T>()[row];
                TensorPrimitives.Subtract(ps, spread, ds);
                ds[targets.Span<int>()[row]] -= keep;
                TensorPrimitives.Multiply(ds, g, ds);
            }
        });
    }
}
