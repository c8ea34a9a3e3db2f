namespace DeepSharp.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void IndexSelect(StorageView x, AxisBlock block, StorageView index, StorageView dst)
    {
        var idx = index.Span<int>();
        IndexKernels.CheckIndices(idx, block.Size, "IndexSelect");
        switch (x.DType)
        {
            case DType.Float32: IndexKernels.Select(x.Span<float>(), block, idx, dst.Span<float>()); break;
            case DType.Float64: IndexKernels.Select(x.Span<double>(), block, idx, dst.Span<double>()); break;
            default: IndexKernels.Select(x.Span<int>(), block, idx, dst.Span<int>()); break;
        }
    }

    /// <inheritdoc/>
    public void IndexAdd(StorageView src, AxisBlock block, StorageView index, StorageView gx)
    {
        if (IsSingle(src.DType, "IndexAdd"))
            IndexKernels.Add(src.Span<float>(), block, index.Span<int>(), gx.Span<float>());
        else
            IndexKernels.Add(src.Span<double>(), block, index.Span<int>(), gx.Span<double>());
    }

    /// <inheritdoc/>
    public void Gather(StorageView x, AxisBlock block, StorageView index, StorageView dst)
    {
        var idx = index.Span<int>();
        IndexKernels.CheckIndices(idx, block.Size, "Gather");
        switch (x.DType)
        {
            case DType.Float32: IndexKernels.Gather(x.Span<float>(), block, idx, dst.Span<float>()); break;
            case DType.Float64: IndexKernels.Gather(x.Span<double>(), block, idx, dst.Span<double>()); break;
            default: IndexKernels.Gather(x.Span<int>(), block, idx, dst.Span<int>()); break;
        }
    }

    /// <inheritdoc/>
    public void ScatterAdd(StorageView src, AxisBlock block, StorageView index, StorageView gx)
    {
        if (IsSingle(src.DType, "ScatterAdd"))
            IndexKernels.Scatter(src.Span<float>(), block, index.Span<int>(), gx.Span<float>());
        else
            IndexKernels.Scatter(src.Span<double>(), block, index.Span<int>(), gx.Span<double>());
    }
}
