namespace DeepSharp.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void SgdStep(StorageView param, StorageView grad, StorageView? momentumBuffer, in SgdHyperparameters h, bool firstStep) =>
        SgdKernel.Step(param.Span<float>(), grad.Span<float>(), momentumBuffer is { } b ? b.Span<float>() : default,
            h.LearningRate, h.Momentum, h.Dampening, h.WeightDecay, h.Nesterov, firstStep);

    /// <inheritdoc/>
    public void AdamStep(StorageView param, StorageView grad, StorageView expAvg, StorageView expAvgSq, in AdamHyperparameters h, int step) =>
        AdamKernel.Step(param.Span<float>(), grad.Span<float>(), expAvg.Span<float>(), expAvgSq.Span<float>(),
            h.LearningRate, h.Beta1, h.Beta2, h.Epsilon, h.WeightDecay, step, h.DecoupledWeightDecay);

    /// <inheritdoc/>
    public void RmsPropStep(StorageView param, StorageView grad, StorageView squareAvg, StorageView? gradAvg, StorageView? momentumBuffer,
        in RmsPropHyperparameters h) =>
        RmsPropKernel.Step(param.Span<float>(), grad.Span<float>(), squareAvg.Span<float>(),
            gradAvg is { } a ? a.Span<float>() : default, momentumBuffer is { } b ? b.Span<float>() : default,
            h.LearningRate, h.Alpha, h.Epsilon, h.WeightDecay, h.Momentum, h.Centered);

    /// <inheritdoc/>
    public void AdaGradStep(StorageView param, StorageView grad, StorageView sum, in AdaGradHyperparameters h, int step) =>
        AdaGradKernel.Step(param.Span<float>(), grad.Span<float>(), sum.Span<float>(),
            h.LearningRate, h.LearningRateDecay, h.Epsilon, h.WeightDecay, step);
}
