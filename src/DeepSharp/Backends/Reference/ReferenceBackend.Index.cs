namespace DeepSharp.Backends.Reference;

// x is seen as a contiguous (outer, size, inner) block; the indices pick positions along the middle axis.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void IndexSelect(StorageView x, AxisBlock block, StorageView index, StorageView dst)
    {
        var idx = StridedElements.ReadIndices(index, "IndexSelect");
        CheckIndices(idx, block.Size, "IndexSelect", "index");
        var xs = StridedElements.Read(x);
        var result = new double[block.Outer * idx.Length * block.Inner];
        for (int o = 0; o < block.Outer; o++)
            for (int k = 0; k < idx.Length; k++)
                for (int i = 0; i < block.Inner; i++)
                    result[(o * idx.Length + k) * block.Inner + i] = xs[At(block, o, idx[k], i)];
        StridedElements.Write(dst, result);
    }

    /// <inheritdoc/>
    public void IndexAdd(StorageView src, AxisBlock block, StorageView index, StorageView gx)
    {
        RequireFloat(src.DType, "IndexAdd");
        var idx = StridedElements.ReadIndices(index, "IndexAdd");
        CheckIndices(idx, block.Size, "IndexAdd", "index");
        double[] s = StridedElements.Read(src), result = StridedElements.Read(gx);
        for (int o = 0; o < block.Outer; o++)
            for (int k = 0; k < idx.Length; k++)
                for (int i = 0; i < block.Inner; i++)
                    result[At(block, o, idx[k], i)] += s[(o * idx.Length + k) * block.Inner + i];
        StridedElements.Write(gx, result);
    }

    /// <inheritdoc/>
    public void Gather(StorageView x, AxisBlock block, StorageView index, StorageView dst)
    {
        var idx = StridedElements.ReadIndices(index, "Gather");
        CheckIndices(idx, block.Size, "Gather", "index");
        var xs = StridedElements.Read(x);
        int picks = GatherCount(block, idx.Length);
        var result = new double[idx.Length];
        for (int o = 0; o < block.Outer; o++)
            for (int j = 0; j < picks; j++)
                for (int i = 0; i < block.Inner; i++)
                {
                    int at = (o * picks + j) * block.Inner + i;
                    result[at] = xs[At(block, o, idx[at], i)];
                }
        StridedElements.Write(dst, result);
    }

    /// <inheritdoc/>
    public void ScatterAdd(StorageView src, AxisBlock block, StorageView index, StorageView gx)
    {
        RequireFloat(src.DType, "ScatterAdd");
        var idx = StridedElements.ReadIndices(index, "ScatterAdd");
        CheckIndices(idx, block.Size, "ScatterAdd", "index");
        double[] s = StridedElements.Read(src), result = StridedElements.Read(gx);
        int picks = GatherCount(block, idx.Length);
        for (int o = 0; o < block.Outer; o++)
            for (int j = 0; j < picks; j++)
                for (int i = 0; i < block.Inner; i++)
                {
                    int at = (o * picks + j) * block.Inner + i;
                    result[At(block, o, idx[at], i)] += s[at];
                }
        StridedElements.Write(gx, result);
    }

    /// <summary>k, the length of the middle axis of a gather index (outer, k, inner).</summary>
    private static int GatherCount(AxisBlock block, int indexCount) =>
        block.Outer * block.Inner == 0 ? 0 : indexCount / (block.Outer * block.Inner);
}
