using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>Indexing primitives: <c>IndexSelect</c> and <c>Gather</c>, whose backward scatter-adds.</summary>
internal static class IndexRules
{
    private static Tensor Indices(Tensor index, Tensor x, string name)
    {
        if (index.DType != DType.Int32)
            throw new ArgumentException($"{name}: indices must be an Int32 tensor, got {index.DType}.", nameof(index));
        Devices.Same(x, index, name);
        return ElementWiseCompute.Contiguous(index);
    }

    public static Tensor IndexSelect(Tensor x, int dim, Tensor index)
    {
        if (index.Rank != 1) throw new ShapeMismatchException($"IndexSelect: indices must be 1-D, got {Shapes.Format(index.Shape)}.");
        int d = Shapes.NormalizeDim(dim, x.Rank, "IndexSelect");
        var idx = Indices(index, x, "IndexSelect");
        var block = AxisBlock.Of(x.Shape, d);
        var shape = x.ShapeArray;
        shape[d] = idx.Numel;
        var src = ElementWiseCompute.Contiguous(x);
        var y = x.EmptyLike(x.DType, shape);
        x.Backend.IndexSelect(src.BackendView, block, idx.BackendView, y.BackendView);
        if (x.DType == DType.Int32) return y;
        int[] inShape = x.ShapeArray;
        return Node.Record(y, "IndexSelect", [x], g =>
        {
            var gx = Tensor.Full(g.Backend, g.DType, inShape, 0);
            g.Backend.IndexAdd(ElementWiseCompute.Contiguous(g).BackendView, block, idx.BackendView, gx.BackendView);
            return [gx];
        }, saved: [idx]);
    }

    public static Tensor Gather(Tensor x, int dim, Tensor index)
    {
        int d = Shapes.NormalizeDim(dim, x.Rank, "Gather");
        if (index.Rank != x.Rank)
            throw new ShapeMismatchException($"Gather: index {Shapes.Format(index.Shape)} must have the rank of the input {Shapes.Format(x.Shape)}.");
        for (int i = 0; i < x.Rank; i++)
            if (i != d && index.Shape[i] != x.Shape[i])
                throw new ShapeMismatchException($"Gather: index {Shapes.Format(index.Shape)} must match the input {Shapes.Format(x.Shape)} outside dimension {d}.");
        var idx = Indices(index, x, "Gather");
        var block = AxisBlock.Of(x.Shape, d);
        var src = ElementWiseCompute.Contiguous(x);
        var y = x.EmptyLike(x.DType, index.ShapeArray);
        x.Backend.Gather(src.BackendView, block, idx.BackendView, y.BackendView);
        if (x.DType == DType.Int32) return y;
        int[] inShape = x.ShapeArray;
        return Node.Record(y, "Gather", [x], g =>
        {
            var gx = Tensor.Full(g.Backend, g.DType, inShape, 0);
            g.Backend.ScatterAdd(ElementWiseCompute.Contiguous(g).BackendView, block, idx.BackendView, gx.BackendView);
            return [gx];
        }, saved: [idx]);
    }
}
