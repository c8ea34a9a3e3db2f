using System.Numerics;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>Indexing primitives: <c>IndexSelect</c> and <c>Gather</c>, whose backward scatters-adds.</summary>
internal static class IndexOps
{
    /// <summary>(outer, size, inner) of a tensor around dimension <paramref name="dim"/>.</summary>
    private static (int Outer, int Size, int Inner) Block(ReadOnlySpan<int> shape, int dim)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int i = dim + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape[dim], inner);
    }

    private static int[] Indices(Tensor index, string name)
    {
        if (index.DType != DType.Int32)
            throw new ArgumentException($"{name}: indices must be an Int32 tensor, got {index.DType}.", nameof(index));
        return index.ToArray<int>();
    }

    public static Tensor IndexSelect(Tensor x, int dim, Tensor index)
    {
        if (index.Rank != 1) throw new ShapeMismatchException($"IndexSelect: indices must be 1-D, got {Shapes.Format(index.Shape)}.");
        int d = Shapes.NormalizeDim(dim, x.Rank, "IndexSelect");
        int[] idx = Indices(index, "IndexSelect");
        var (outer, size, inner) = Block(x.Shape, d);
        foreach (int i in idx)
            if ((uint)i >= (uint)size)
                throw new ArgumentOutOfRangeException(nameof(index), $"IndexSelect: index {i} is out of range for dimension {d} of size {size} in {Shapes.Format(x.Shape)}.");
        var shape = x.ShapeArray;
        shape[d] = idx.Length;
        var src = TensorOps.Contiguous(x);
        var y = Tensor.Empty(x.DType, shape);
        if (x.DType == DType.Int32)
        {
            Select<int>(src, y, idx, outer, size, inner);
            return y;
        }
        Dispatch(x, () => Select<float>(src, y, idx, outer, size, inner), () => Select<double>(src, y, idx, outer, size, inner), "IndexSelect");
        int[] inShape = x.ShapeArray;
        return Node.Record(y, "IndexSelect", [x], g =>
        {
            var gx = Tensor.Zeros(inShape, g.DType);
            var gc = TensorOps.Contiguous(g);
            Dispatch(gx, () => ScatterSelect<float>(gc, gx, idx, outer, size, inner), () => ScatterSelect<double>(gc, gx, idx, outer, size, inner), "IndexSelect");
            return [gx];
        });
    }

    private static void Select<T>(Tensor src, Tensor dst, int[] idx, int outer, int size, int inner) where T : unmanaged
    {
        var s = src.AsSpan<T>();
        var d = dst.AsSpan<T>();
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < idx.Length; k++)
                s.Slice((o * size + idx[k]) * inner, inner).CopyTo(d.Slice((o * idx.Length + k) * inner, inner));
    }

    private static void ScatterSelect<T>(Tensor g, Tensor gx, int[] idx, int outer, int size, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = g.AsSpan<T>();
        var d = gx.AsSpan<T>();
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < idx.Length; k++)
            {
                var dst = d.Slice((o * size + idx[k]) * inner, inner);
                Kernels.ElementWise.Binary(Kernels.BinaryOp.Add, dst, s.Slice((o * idx.Length + k) * inner, inner), dst);
            }
    }

    public static Tensor Gather(Tensor x, int dim, Tensor index)
    {
        int d = Shapes.NormalizeDim(dim, x.Rank, "Gather");
        if (index.Rank != x.Rank)
            throw new ShapeMismatchException($"Gather: index {Shapes.Format(index.Shape)} must have the rank of the input {Shapes.Format(x.Shape)}.");
        for (int i = 0; i < x.Rank; i++)
            if (i != d && index.Shape[i] != x.Shape[i])
                throw new ShapeMismatchException($"Gather: index {Shapes.Format(index.Shape)} must match the input {Shapes.Format(x.Shape)} outside dimension {d}.");
        int[] idx = Indices(index, "Gather");
        var (outer, size, inner) = Block(x.Shape, d);
        int k = index.Shape[d];
        foreach (int i in idx)
            if ((uint)i >= (uint)size)
                throw new ArgumentOutOfRangeException(nameof(index), $"Gather: index {i} is out of range for dimension {d} of size {size} in {Shapes.Format(x.Shape)}.");
        var src = TensorOps.Contiguous(x);
        var y = Tensor.Empty(x.DType, index.ShapeArray);
        if (x.DType == DType.Int32)
        {
            GatherRaw<int>(src, y, idx, outer, size, k, inner);
            return y;
        }
        Dispatch(x, () => GatherRaw<float>(src, y, idx, outer, size, k, inner), () => GatherRaw<double>(src, y, idx, outer, size, k, inner), "Gather");
        int[] inShape = x.ShapeArray;
        return Node.Record(y, "Gather", [x], g =>
        {
            var gx = Tensor.Zeros(inShape, g.DType);
            var gc = TensorOps.Contiguous(g);
            Dispatch(gx, () => ScatterGather<float>(gc, gx, idx, outer, size, k, inner), () => ScatterGather<double>(gc, gx, idx, outer, size, k, inner), "Gather");
            return [gx];
        });
    }

    private static void GatherRaw<T>(Tensor src, Tensor dst, int[] idx, int outer, int size, int k, int inner) where T : unmanaged
    {
        var s = src.AsSpan<T>();
        var d = dst.AsSpan<T>();
        for (int o = 0, p = 0; o < outer; o++)
            for (int j = 0; j < k; j++)
                for (int i = 0; i < inner; i++, p++)
                    d[p] = s[(o * size + idx[p]) * inner + i];
    }

    private static void ScatterGather<T>(Tensor g, Tensor gx, int[] idx, int outer, int size, int k, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = g.AsSpan<T>();
        var d = gx.AsSpan<T>();
        for (int o = 0, p = 0; o < outer; o++)
            for (int j = 0; j < k; j++)
                for (int i = 0; i < inner; i++, p++)
                    d[(o * size + idx[p]) * inner + i] += s[p];
    }

    private static void Dispatch(Tensor t, Action f32, Action f64, string name)
    {
        switch (t.DType)
        {
            case DType.Float32: f32(); break;
            case DType.Float64: f64(); break;
            default: throw TensorOps.NotFloat(name, t);
        }
    }
}
