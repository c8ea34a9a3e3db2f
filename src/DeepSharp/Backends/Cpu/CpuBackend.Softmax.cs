namespace DeepSharp.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void Softmax(StorageView x, AxisBlock block, bool log, StorageView y) => SoftmaxKernels.Forward(x, block, log, y);

    /// <inheritdoc/>
    public void SoftmaxBackward(StorageView y, StorageView gy, AxisBlock block, bool log, StorageView gx) =>
        SoftmaxKernels.Backward(y, gy, block, log, gx);

    /// <inheritdoc/>
    public void CrossEntropy(StorageView logits, StorageView targets, double smoothing, StorageView probabilities, StorageView losses) =>
        CrossEntropyKernels.Forward(logits, targets, smoothing, probabilities, losses);

    /// <inheritdoc/>
    public void CrossEntropyBackward(StorageView probabilities, StorageView targets, StorageView rowGrad, double smoothing, StorageView gx) =>
        CrossEntropyKernels.Backward(probabilities, targets, rowGrad, smoothing, gx);
}
