using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>
/// Cross-entropy of (N, C) logits against class indices as one primitive (log-softmax, pick,
/// smoothing and reduction fused): the training loop's most frequent loss costs one pass forward
/// and one backward instead of a chain of small graph nodes.
/// </summary>
/// <remarks>Per row: loss = (1 - ε)(lse - x_t) + ε(lse - mean_c x_c); backward
/// dx_c = g_n (softmax_c - (1 - ε)·[c = t] - ε / C), g_n the row's share of the output gradient.</remarks>
internal static class CrossEntropyRule
{
    /// <param name="logits">(N, C).</param>
    /// <param name="classes">N class indices in [0, C).</param>
    /// <param name="smoothing">ε.</param>
    /// <param name="reduce">Return the sum (or mean) of the row losses instead of the (N) losses.</param>
    /// <param name="mean">With <paramref name="reduce"/>: divide by N.</param>
    public static Tensor Apply(Tensor logits, int[] classes, double smoothing, bool reduce, bool mean)
    {
        var xr = ElementWiseCompute.Contiguous(logits);
        int n = xr.Shape[0], c = xr.Shape[1];
        var targets = Tensor.FromSpan<int>(classes, [n], logits.Device);
        var probabilities = logits.EmptyLike(logits.DType, [n, c]);
        var losses = logits.EmptyLike(logits.DType, [n]);
        logits.Backend.CrossEntropy(xr.BackendView, targets.BackendView, smoothing, probabilities.BackendView, losses.BackendView);
        Tensor result = losses;
        if (reduce)
        {
            double sum = 0; // accumulated in double so a large batch's mean does not drift
            foreach (double v in losses.ToDoubleArray()) sum += v;
            result = logits.ScalarOnDevice(mean ? sum / n : sum);
        }
        return Node.Record(result, "CrossEntropy", [logits], g =>
        {
            var rowGrad = reduce
                ? Tensor.Full(g.Backend, xr.DType, [n], g.Item() / (mean ? n : 1))
                : ElementWiseCompute.Contiguous(g.DType == xr.DType ? g : g.ConvertRaw(xr.DType));
            var gx = probabilities.EmptyLike(xr.DType, [n, c]);
            probabilities.Backend.CrossEntropyBackward(probabilities.BackendView, targets.BackendView, rowGrad.BackendView, smoothing, gx.BackendView);
            return [gx];
        }, saved: []);
    }
}
