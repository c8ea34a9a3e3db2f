namespace DeepSharp.Backends.Reference;

// The optimizer updates as PyTorch documents them, one parameter element at a time, in double
// precision; parameters and state are rounded to their dtype when written back.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void SgdStep(StorageView param, StorageView grad, StorageView? momentumBuffer, in SgdHyperparameters h, bool firstStep)
    {
        RequireFloat(param.DType, "SgdStep");
        double[] p = StridedElements.Read(param), g = StridedElements.Read(grad);
        bool useMomentum = h.Momentum != 0;
        if (useMomentum && momentumBuffer is null)
            throw new ArgumentNullException(nameof(momentumBuffer), "SgdStep: momentum is set, so a momentum buffer is needed.");
        double[]? buffer = useMomentum ? StridedElements.Read(momentumBuffer!.Value) : null;
        for (int i = 0; i < p.Length; i++)
        {
            double d = g[i] + (double)h.WeightDecay * p[i];
            if (buffer is not null)
            {
                buffer[i] = firstStep ? d : (double)h.Momentum * buffer[i] + (1 - (double)h.Dampening) * d;
                d = h.Nesterov ? d + (double)h.Momentum * buffer[i] : buffer[i];
            }
            p[i] -= (double)h.LearningRate * d;
        }
        StridedElements.Write(param, p);
        if (buffer is not null) StridedElements.Write(momentumBuffer!.Value, buffer);
    }

    /// <inheritdoc/>
    public void AdamStep(StorageView param, StorageView grad, StorageView expAvg, StorageView expAvgSq, in AdamHyperparameters h, int step)
    {
        RequireFloat(param.DType, "AdamStep");
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "AdamStep: step counts from 1.");
        double[] p = StridedElements.Read(param), g = StridedElements.Read(grad);
        double[] m = StridedElements.Read(expAvg), v = StridedElements.Read(expAvgSq);
        double biasCorrection1 = 1 - Math.Pow(h.Beta1, step), biasCorrection2 = 1 - Math.Pow(h.Beta2, step);
        for (int i = 0; i < p.Length; i++)
        {
            double gi = g[i];
            if (h.DecoupledWeightDecay) p[i] *= 1 - h.LearningRate * h.WeightDecay; // AdamW
            else gi += h.WeightDecay * p[i]; // Adam's L2 term
            m[i] = h.Beta1 * m[i] + (1 - h.Beta1) * gi;
            v[i] = h.Beta2 * v[i] + (1 - h.Beta2) * gi * gi;
            double denominator = Math.Sqrt(v[i]) / Math.Sqrt(biasCorrection2) + h.Epsilon;
            p[i] -= h.LearningRate / biasCorrection1 * m[i] / denominator;
        }
        StridedElements.Write(param, p);
        StridedElements.Write(expAvg, m);
        StridedElements.Write(expAvgSq, v);
    }

    /// <inheritdoc/>
    public void RmsPropStep(StorageView param, StorageView grad, StorageView squareAvg, StorageView? gradAvg, StorageView? momentumBuffer,
        in RmsPropHyperparameters h)
    {
        RequireFloat(param.DType, "RmsPropStep");
        if (h.Centered && gradAvg is null)
            throw new ArgumentNullException(nameof(gradAvg), "RmsPropStep: centered RMSprop needs the gradient average.");
        if (h.Momentum > 0 && momentumBuffer is null)
            throw new ArgumentNullException(nameof(momentumBuffer), "RmsPropStep: momentum is set, so a momentum buffer is needed.");
        double[] p = StridedElements.Read(param), g = StridedElements.Read(grad), s = StridedElements.Read(squareAvg);
        double[]? a = h.Centered ? StridedElements.Read(gradAvg!.Value) : null;
        double[]? b = h.Momentum > 0 ? StridedElements.Read(momentumBuffer!.Value) : null;
        double alpha = h.Alpha, lr = h.LearningRate, eps = h.Epsilon, mu = h.Momentum;
        for (int i = 0; i < p.Length; i++)
        {
            double gi = g[i] + (double)h.WeightDecay * p[i];
            s[i] = alpha * s[i] + (1 - alpha) * gi * gi;
            double average;
            if (a is not null)
            {
                a[i] = alpha * a[i] + (1 - alpha) * gi;
                average = Math.Sqrt(s[i] - a[i] * a[i]) + eps;
            }
            else average = Math.Sqrt(s[i]) + eps;
            if (b is not null)
            {
                b[i] = mu * b[i] + gi / average;
                p[i] -= lr * b[i];
            }
            else p[i] -= lr * gi / average;
        }
        StridedElements.Write(param, p);
        StridedElements.Write(squareAvg, s);
        if (a is not null) StridedElements.Write(gradAvg!.Value, a);
        if (b is not null) StridedElements.Write(momentumBuffer!.Value, b);
    }

    /// <inheritdoc/>
    public void AdaGradStep(StorageView param, StorageView grad, StorageView sum, in AdaGradHyperparameters h, int step)
    {
        RequireFloat(param.DType, "AdaGradStep");
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "AdaGradStep: step counts from 1.");
        double[] p = StridedElements.Read(param), g = StridedElements.Read(grad), s = StridedElements.Read(sum);
        double learningRate = h.LearningRate / (1 + (step - 1) * h.LearningRateDecay);
        for (int i = 0; i < p.Length; i++)
        {
            double gi = g[i] + h.WeightDecay * p[i];
            s[i] += gi * gi;
            p[i] -= learningRate * gi / (Math.Sqrt(s[i]) + h.Epsilon);
        }
        StridedElements.Write(param, p);
        StridedElements.Write(sum, s);
    }
}
