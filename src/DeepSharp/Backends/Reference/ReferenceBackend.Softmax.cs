namespace DeepSharp.Backends.Reference;

public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void Softmax(StorageView x, AxisBlock block, bool log, StorageView y)
    {
        RequireFloat(x.DType, log ? "LogSoftmax" : "Softmax");
        var xs = StridedElements.Read(x);
        var result = new double[xs.Length];
        for (int o = 0; o < block.Outer; o++)
            for (int i = 0; i < block.Inner; i++)
            {
                // softmax_s = e^(x_s - m) / Σ e^(x_r - m) with m the maximum, so large logits stay finite
                double max = double.NegativeInfinity;
                for (int s = 0; s < block.Size; s++) max = Math.Max(max, xs[At(block, o, s, i)]);
                double sum = 0;
                for (int s = 0; s < block.Size; s++) sum += Math.Exp(xs[At(block, o, s, i)] - max);
                for (int s = 0; s < block.Size; s++)
                {
                    double shifted = xs[At(block, o, s, i)] - max;
                    result[At(block, o, s, i)] = log ? shifted - Math.Log(sum) : Math.Exp(shifted) / sum;
                }
            }
        StridedElements.Write(y, result);
    }

    /// <inheritdoc/>
    public void SoftmaxBackward(StorageView y, StorageView gy, AxisBlock block, bool log, StorageView gx)
    {
        RequireFloat(y.DType, log ? "LogSoftmaxBackward" : "SoftmaxBackward");
        double[] ys = StridedElements.Read(y), gs = StridedElements.Read(gy);
        var result = new double[ys.Length];
        for (int o = 0; o < block.Outer; o++)
            for (int i = 0; i < block.Inner; i++)
            {
                // softmax: gx_s = y_s (g_s - Σ_r g_r y_r); log-softmax: gx_s = g_s - e^(y_s) Σ_r g_r
                double acc = 0;
                for (int s = 0; s < block.Size; s++)
                    acc += log ? gs[At(block, o, s, i)] : gs[At(block, o, s, i)] * ys[At(block, o, s, i)];
                for (int s = 0; s < block.Size; s++)
                {
                    int at = At(block, o, s, i);
                    result[at] = log ? gs[at] - Math.Exp(ys[at]) * acc : ys[at] * (gs[at] - acc);
                }
            }
        StridedElements.Write(gx, result);
    }

    /// <inheritdoc/>
    public void CrossEntropy(StorageView logits, StorageView targets, double smoothing, StorageView probabilities, StorageView losses)
    {
        RequireFloat(logits.DType, "CrossEntropy");
        int rows = logits.Shape[0], classes = logits.Shape[1];
        var xs = StridedElements.Read(logits);
        var labels = StridedElements.ReadIndices(targets, "CrossEntropy");
        CheckIndices(labels, classes, "CrossEntropy", "class index", nameof(targets));
        var p = new double[rows * classes];
        var loss = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double max = double.NegativeInfinity, mean = 0;
            for (int c = 0; c < classes; c++)
            {
                max = Math.Max(max, xs[r * classes + c]);
                mean += xs[r * classes + c] / classes;
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.Exp(xs[r * classes + c] - max);
            double logSumExp = max + Math.Log(sum);
            for (int c = 0; c < classes; c++) p[r * classes + c] = Math.Exp(xs[r * classes + c] - max) / sum;
            // (1 - ε)·(-log p_target) + ε·(mean over classes of -log p_c)
            loss[r] = (1 - smoothing) * (logSumExp - xs[r * classes + labels[r]]) + smoothing * (logSumExp - mean);
        }
        StridedElements.Write(probabilities, p);
        StridedElements.Write(losses, loss);
    }

    /// <inheritdoc/>
    public void CrossEntropyBackward(StorageView probabilities, StorageView targets, StorageView rowGrad, double smoothing, StorageView gx)
    {
        RequireFloat(probabilities.DType, "CrossEntropyBackward");
        int rows = probabilities.Shape[0], classes = probabilities.Shape[1];
        double[] p = StridedElements.Read(probabilities), g = StridedElements.Read(rowGrad);
        var labels = StridedElements.ReadIndices(targets, "CrossEntropyBackward");
        CheckIndices(labels, classes, "CrossEntropyBackward", "class index", nameof(targets));
        var result = new double[rows * classes];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < classes; c++)
            {
                double target = (c == labels[r] ? 1 - smoothing : 0) + smoothing / classes;
                result[r * classes + c] = g[r] * (p[r * classes + c] - target);
            }
        StridedElements.Write(gx, result);
    }

    /// <summary>Flat index of element (o, s, i) of a contiguous (outer, size, inner) block.</summary>
    private static int At(AxisBlock block, int o, int s, int i) => (o * block.Size + s) * block.Inner + i;

    /// <summary>Throws unless every index lies in [0, size).</summary>
    private static void CheckIndices(int[] indices, int size, string op, string what, string paramName = "index")
    {
        foreach (int index in indices)
            if (index < 0 || index >= size)
                throw new ArgumentOutOfRangeException(paramName, index, $"{op}: {what} {index} is outside [0, {size}) (a dimension of size {size}).");
    }
}
