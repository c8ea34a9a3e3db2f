namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <inheritdoc/>
    public void Softmax(StorageView x, AxisBlock block, bool log, StorageView y)
    {
        const string name = "Softmax";
        if (block.Size == 0) return;
        int lines = block.Outer * block.Inner;
        if (IsSingle(x.DType, name))
            Launch(ReduceKernels.Softmax<float, F32>, lines, Dense<float>(x, name), Dense<float>(y, name), block.Size, block.Inner, log ? 1 : 0);
        else
            Launch(ReduceKernels.Softmax<double, F64>, lines, Dense<double>(x, name), Dense<double>(y, name), block.Size, block.Inner, log ? 1 : 0);
    }

    /// <inheritdoc/>
    public void SoftmaxBackward(StorageView y, StorageView gy, AxisBlock block, bool log, StorageView gx)
    {
        const string name = "SoftmaxBackward";
        if (block.Size == 0) return;
        int lines = block.Outer * block.Inner;
        if (IsSingle(y.DType, name))
            Launch(ReduceKernels.SoftmaxBackward<float, F32>, lines, Dense<float>(y, name), Dense<float>(gy, name), Dense<float>(gx, name),
                block.Size, block.Inner, log ? 1 : 0);
        else
            Launch(ReduceKernels.SoftmaxBackward<double, F64>, lines, Dense<double>(y, name), Dense<double>(gy, name), Dense<double>(gx, name),
                block.Size, block.Inner, log ? 1 : 0);
    }

    /// <inheritdoc/>
    public void CrossEntropy(StorageView logits, StorageView targets, double smoothing, StorageView probabilities, StorageView losses)
    {
        const string name = "CrossEntropy";
        int rows = logits.Shape[0], classes = logits.Shape[1];
        CheckIndices(targets, classes, name, (t, size) => $"CrossEntropy: class index {t} is outside [0, {size}).", "targets");
        if (IsSingle(logits.DType, name))
            Launch(ReduceKernels.CrossEntropy<float, F32>, rows, Dense<float>(logits, name), Dense<int>(targets, name), Dense<float>(probabilities, name),
                Dense<float>(losses, name), classes, smoothing);
        else
            Launch(ReduceKernels.CrossEntropy<double, F64>, rows, Dense<double>(logits, name), Dense<int>(targets, name), Dense<double>(probabilities, name),
                Dense<double>(losses, name), classes, smoothing);
    }

    /// <inheritdoc/>
    public void CrossEntropyBackward(StorageView probabilities, StorageView targets, StorageView rowGrad, double smoothing, StorageView gx)
    {
        const string name = "CrossEntropyBackward";
        int classes = probabilities.Shape[1];
        if (IsSingle(probabilities.DType, name))
            Launch(ReduceKernels.CrossEntropyBackward<float, F32>, gx.Numel, Dense<float>(probabilities, name), Dense<int>(targets, name),
                Dense<float>(rowGrad, name), Dense<float>(gx, name), classes, smoothing);
        else
            Launch(ReduceKernels.CrossEntropyBackward<double, F64>, gx.Numel, Dense<double>(probabilities, name), Dense<int>(targets, name),
                Dense<double>(rowGrad, name), Dense<double>(gx, name), classes, smoothing);
    }

    /// <summary>Throws the CPU backend's exception for an index outside [0, size): the indices are
    /// read back to the host (a synchronization), as a device-side assert would need one too.</summary>
    private void CheckIndices(StorageView index, int size, string op, Func<int, int, string> message, string parameter)
    {
        var host = new int[index.Numel];
        CopyToHost<int>(index, host);
        foreach (int i in host)
            if ((uint)i >= (uint)size) throw new ArgumentOutOfRangeException(parameter, i, message(i, size));
    }
}
