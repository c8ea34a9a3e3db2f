using System.Numerics;
using DeepSharp.Autograd;
using DeepSharp.Kernels;
using DeepSharp.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace DeepSharp.Nn;

/// <summary>
/// Cross-entropy of (N, C) logits against class indices as one primitive (log-softmax, pick,
/// smoothing and reduction fused): the training loop's most frequent loss costs one pass forward and
/// one backward instead of a chain of small graph nodes.
/// </summary>
/// <remarks>
/// Per row: lse = m + log Σ e^(x_c - m) with m the row maximum, loss = (1 - ε)(lse - x_t) + ε(lse - mean_c x_c).
/// Backward: dx_c = g_n (softmax_c - (1 - ε)·[c = t] - ε / C), with g_n the row's share of the output gradient.
/// </remarks>
internal static class CrossEntropyKernel
{
    private const int MinPerThread = 1 << 15;

    public static Tensor Apply(Tensor logits, int[] classes, Reduction reduction, double smoothing)
    {
        var xr = Pointwise.Raw(logits, "CrossEntropy");
        int n = xr.Shape[0], c = xr.Shape[1];
        var probabilities = Tensor.Zeros([n, c], xr.DType);
        var losses = Tensor.Zeros([n], xr.DType);
        if (xr.DType == DType.Float32) Forward<float>(xr, classes, smoothing, probabilities, losses);
        else Forward<double>(xr, classes, smoothing, probabilities, losses);

        Tensor result = reduction switch
        {
            Reduction.None => losses,
            Reduction.Sum => Tensor.Scalar(SumOf(losses), xr.DType),
            _ => Tensor.Scalar(SumOf(losses) / n, xr.DType),
        };
        return Node.Record(result, "CrossEntropy", [logits], g =>
        {
            // each row's share of the output gradient
            var rowGrad = reduction == Reduction.None
                ? g.To(xr.DType).Contiguous()
                : Tensor.Full([n], g.Item() / (reduction == Reduction.Mean ? n : 1), xr.DType);
            var gx = Tensor.Zeros([n, c], xr.DType);
            if (xr.DType == DType.Float32) Backward<float>(probabilities, rowGrad, classes, smoothing, gx);
            else Backward<double>(probabilities, rowGrad, classes, smoothing, gx);
            return [gx];
        });
    }

    private static double SumOf(Tensor losses)
    {
        double sum = 0; // accumulated in double so a large batch's mean does not drift
        if (losses.DType == DType.Float32) foreach (float v in losses.AsSpan<float>()) sum += v;
        else foreach (double v in losses.AsSpan<double>()) sum += v;
        return sum;
    }

    private static void Forward<T>(Tensor x, int[] classes, double smoothing, Tensor probabilities, Tensor losses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = x.Shape[1];
        T eps = T.CreateTruncating(smoothing), keep = T.One - eps, count = T.CreateTruncating(c);
        Parallelism.For(x.Shape[0], Math.Max(1, MinPerThread / Math.Max(1, c)), (start, end) =>
        {
            for (int row = start; row < end; row++)
            {
                var xs = x.AsSpan<T>().Slice(row * c, c);
                var ps = probabilities.AsSpan<T>().Slice(row * c, c);
                T max = TensorPrimitives.Max<T>(xs);
                TensorPrimitives.Subtract(xs, max, ps);
                TensorPrimitives.Exp<T>(ps, ps);
                T sum = TensorPrimitives.Sum<T>(ps);
                TensorPrimitives.Multiply(ps, T.One / sum, ps);
                T lse = max + T.Log(sum);
                T loss = keep * (lse - xs[classes[row]]);
                if (smoothing > 0) loss += eps * (lse - TensorPrimitives.Sum<T>(xs) / count);
                losses.AsSpan<T>()[row] = loss;
            }
        });
    }

    private static void Backward<T>(Tensor probabilities, Tensor rowGrad, int[] classes, double smoothing, Tensor gx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = probabilities.Shape[1];
        T keep = T.One - T.CreateTruncating(smoothing), spread = T.CreateTruncating(smoothing / c);
        Parallelism.For(probabilities.Shape[0], Math.Max(1, MinPerThread / Math.Max(1, c)), (start, end) =>
        {
            for (int row = start; row < end; row++)
            {
                var ps = probabilities.AsSpan<T>().Slice(row * c, c);
                var ds = gx.AsSpan<T>().Slice(row * c, c);
                T g = rowGrad.AsSpan<T>()[row];
                TensorPrimitives.Subtract(ps, spread, ds);
                ds[classes[row]] -= keep;
                TensorPrimitives.Multiply(ds, g, ds);
            }
        });
    }
}
