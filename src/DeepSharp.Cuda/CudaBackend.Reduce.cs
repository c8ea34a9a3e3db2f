namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <inheritdoc/>
    public void Reduce(ReduceOp op, StorageView x, AxisBlock block, StorageView dst)
    {
        const string name = "Reduce";
        int lines = block.Outer * block.Inner;
        if (IsSingle(x.DType, op.ToString()))
            Launch(ReduceKernels.Reduce<float, F32>, lines, Dense<float>(x, name), Dense<float>(dst, name), block.Size, Math.Max(1, block.Inner), (int)op);
        else
            Launch(ReduceKernels.Reduce<double, F64>, lines, Dense<double>(x, name), Dense<double>(dst, name), block.Size, Math.Max(1, block.Inner), (int)op);
    }

    /// <inheritdoc/>
    public void ArgReduce(bool max, StorageView x, int rows, int length, StorageView dst)
    {
        string name = max ? "ArgMax" : "ArgMin";
        if (IsSingle(x.DType, name))
            Launch(ReduceKernels.ArgReduce<float, F32>, rows, Dense<float>(x, name), Dense<int>(dst, name), length, max ? 1 : 0);
        else
            Launch(ReduceKernels.ArgReduce<double, F64>, rows, Dense<double>(x, name), Dense<int>(dst, name), length, max ? 1 : 0);
    }
}
