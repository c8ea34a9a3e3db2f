namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    private static string OutOfRange(string op, int i, int size) => $"{op}: index {i} is out of range for a dimension of size {size}.";

    /// <inheritdoc/>
    public void IndexSelect(StorageView x, AxisBlock block, StorageView index, StorageView dst)
    {
        const string name = "IndexSelect";
        CheckIndices(index, block.Size, name, (i, s) => OutOfRange(name, i, s), "index");
        int count = index.Numel, inner = Math.Max(1, block.Inner);
        switch (x.DType)
        {
            case DType.Float32: Launch(IndexKernels.Select<float>, dst.Numel, Dense<float>(x, name), Dense<int>(index, name), Dense<float>(dst, name), block.Size, inner, count); break;
            case DType.Float64: Launch(IndexKernels.Select<double>, dst.Numel, Dense<double>(x, name), Dense<int>(index, name), Dense<double>(dst, name), block.Size, inner, count); break;
            default: Launch(IndexKernels.Select<int>, dst.Numel, Dense<int>(x, name), Dense<int>(index, name), Dense<int>(dst, name), block.Size, inner, count); break;
        }
    }

    /// <inheritdoc/>
    public void IndexAdd(StorageView src, AxisBlock block, StorageView index, StorageView gx)
    {
        const string name = "IndexAdd";
        int count = index.Numel, inner = Math.Max(1, block.Inner), columns = block.Outer * block.Inner;
        if (IsSingle(src.DType, name))
            Launch(IndexKernels.Add<float, F32>, columns, Dense<float>(src, name), Dense<int>(index, name), Dense<float>(gx, name), block.Size, inner, count);
        else
            Launch(IndexKernels.Add<double, F64>, columns, Dense<double>(src, name), Dense<int>(index, name), Dense<double>(gx, name), block.Size, inner, count);
    }

    /// <inheritdoc/>
    public void Gather(StorageView x, AxisBlock block, StorageView index, StorageView dst)
    {
        const string name = "Gather";
        CheckIndices(index, block.Size, name, (i, s) => OutOfRange(name, i, s), "index");
        int inner = Math.Max(1, block.Inner), count = index.Numel / Math.Max(1, block.Outer * block.Inner);
        switch (x.DType)
        {
            case DType.Float32: Launch(IndexKernels.Gather<float>, dst.Numel, Dense<float>(x, name), Dense<int>(index, name), Dense<float>(dst, name), block.Size, inner, count); break;
            case DType.Float64: Launch(IndexKernels.Gather<double>, dst.Numel, Dense<double>(x, name), Dense<int>(index, name), Dense<double>(dst, name), block.Size, inner, count); break;
            default: Launch(IndexKernels.Gather<int>, dst.Numel, Dense<int>(x, name), Dense<int>(index, name), Dense<int>(dst, name), block.Size, inner, count); break;
        }
    }

    /// <inheritdoc/>
    public void ScatterAdd(StorageView src, AxisBlock block, StorageView index, StorageView gx)
    {
        const string name = "ScatterAdd";
        int inner = Math.Max(1, block.Inner), count = index.Numel / Math.Max(1, block.Outer * block.Inner), columns = block.Outer * block.Inner;
        if (IsSingle(src.DType, name))
            Launch(IndexKernels.Scatter<float, F32>, columns, Dense<float>(src, name), Dense<int>(index, name), Dense<float>(gx, name), block.Size, inner, count);
        else
            Launch(IndexKernels.Scatter<double, F64>, columns, Dense<double>(src, name), Dense<int>(index, name), Dense<double>(gx, name), block.Size, inner, count);
    }
}
