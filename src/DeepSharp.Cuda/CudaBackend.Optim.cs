namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <inheritdoc/>
    public void SgdStep(StorageView param, StorageView grad, StorageView? momentumBuffer, in SgdHyperparameters h, bool firstStep)
    {
        const string name = "SgdStep";
        var p = Dense<float>(param, name);
        if (h.Momentum != 0 && momentumBuffer is null) throw new ArgumentNullException(nameof(momentumBuffer), "SgdStep: momentum needs a buffer.");
        var b = momentumBuffer is { } mb ? Dense<float>(mb, name) : p; // unused without momentum
        Launch(OptimizerKernels.Sgd, param.Numel, p, Dense<float>(grad, name), b, h.LearningRate, h.Momentum, 1 - h.Dampening, h.WeightDecay,
            h.Nesterov ? 1 : 0, firstStep ? 1 : 0);
    }

    /// <inheritdoc/>
    public void AdamStep(StorageView param, StorageView grad, StorageView expAvg, StorageView expAvgSq, in AdamHyperparameters h, int step)
    {
        const string name = "AdamStep";
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "step counts from 1.");
        bool decoupled = h.DecoupledWeightDecay;
        var s = new AdamScalars(
            decay: decoupled ? (float)(1 - h.LearningRate * h.WeightDecay) : 1f,
            l2: decoupled ? 0f : (float)h.WeightDecay,
            b1: (float)h.Beta1, c1: (float)(1 - h.Beta1), b2: (float)h.Beta2, c2: (float)(1 - h.Beta2),
            stepSize: (float)(h.LearningRate / (1 - Math.Pow(h.Beta1, step))),
            correction2: (float)Math.Sqrt(1 - Math.Pow(h.Beta2, step)),
            epsilon: (float)h.Epsilon, decoupled: decoupled ? 1 : 0);
        Launch(OptimizerKernels.Adam, param.Numel, Dense<float>(param, name), Dense<float>(grad, name), Dense<float>(expAvg, name), Dense<float>(expAvgSq, name), s);
    }

    /// <inheritdoc/>
    public void RmsPropStep(StorageView param, StorageView grad, StorageView squareAvg, StorageView? gradAvg, StorageView? momentumBuffer, in RmsPropHyperparameters h)
    {
        const string name = "RmsPropStep";
        var p = Dense<float>(param, name);
        if (h.Centered && gradAvg is null) throw new ArgumentNullException(nameof(gradAvg), "RmsPropStep: centered needs a gradient average.");
        if (h.Momentum > 0 && momentumBuffer is null) throw new ArgumentNullException(nameof(momentumBuffer), "RmsPropStep: momentum needs a buffer.");
        var a = gradAvg is { } ga ? Dense<float>(ga, name) : p; // unused unless centered
        var b = momentumBuffer is { } mb ? Dense<float>(mb, name) : p; // unused without momentum
        Launch(OptimizerKernels.RmsProp, param.Numel, p, Dense<float>(grad, name), Dense<float>(squareAvg, name), a, b,
            h.LearningRate, h.Alpha, h.Epsilon, h.WeightDecay, h.Momentum, h.Centered ? 1 : 0);
    }

    /// <inheritdoc/>
    public void AdaGradStep(StorageView param, StorageView grad, StorageView sum, in AdaGradHyperparameters h, int step)
    {
        const string name = "AdaGradStep";
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "step counts from 1.");
        float clr = (float)(h.LearningRate / (1 + (step - 1) * h.LearningRateDecay));
        Launch(OptimizerKernels.AdaGrad, param.Numel, Dense<float>(param, name), Dense<float>(grad, name), Dense<float>(sum, name),
            clr, (float)h.Epsilon, (float)h.WeightDecay);
    }
}
