using DeepSharp.Backends;

namespace DeepSharp.Tensors;

/// <summary>Raw (not recorded) reductions along dimensions.</summary>
internal static class Reductions
{
    /// <summary>The output shape of reducing <paramref name="dims"/> (sorted, normalized).</summary>
    public static int[] ReducedShape(int[] shape, int[] dims, bool keepDim)
    {
        var result = new List<int>(shape.Length);
        for (int d = 0; d < shape.Length; d++)
        {
            if (Array.IndexOf(dims, d) < 0) result.Add(shape[d]);
            else if (keepDim) result.Add(1);
        }
        return [.. result];
    }

    /// <summary>Reduces <paramref name="x"/> over sorted, normalized <paramref name="dims"/> .</summary>
    public static Tensor Reduce(ReduceOp op, Tensor x, int[] dims, bool keepDim, string name)
    {
        var outShape = ReducedShape(x._shape, dims, keepDim);
        if (x.IsContiguous && x.Numel > 0 && !Adjacent(dims))
        {
            // Scattered dims, e.g. (N, C, H, W) -> (1, C, 1, 1): reduce each run of adjacent dims in
            // place of the layout, innermost run first, instead of permuting a full copy.
            var partial = x;
            int end = dims.Length;
            while (end > 0)
            {
                int start = end - 1;
                while (start > 0 && dims[start - 1] == dims[start] - 1) start--;
                partial = Reduce(op, partial, dims[start..end], keepDim: true, name);
                end = start;
            }
            return Views.Reshape(partial, outShape, allowCopy: false, name);
        }
        if (!x.DType.IsFloatingPoint()) throw ElementWiseCompute.NotFloat(name, x);
        if (x.Numel == 0 && op != ReduceOp.Sum && dims.Any(d => x._shape[d] == 0))
            throw new ArgumentException($"{name}: cannot reduce an empty dimension of shape {Shapes.Format(x._shape)}.");
        var result = x.EmptyLike(x.DType, outShape);
        var (src, outer, reduce, inner) = AsBlock(x, dims);
        x.Backend.Reduce(op, src.BackendView, new AxisBlock(outer, reduce, inner), result.BackendView);
        return result;
    }

    private static bool Adjacent(int[] dims) => dims.Length == 0 || dims[^1] - dims[0] == dims.Length - 1;

    /// <summary>
    /// Views <paramref name="x"/> as a contiguous block (outer, reduce, inner). When the reduced
    /// dimensions are adjacent no copy is made; otherwise they are permuted to the end first.
    /// </summary>
    private static (Tensor Src, int Outer, int Reduce, int Inner) AsBlock(Tensor x, int[] dims)
    {
        bool adjacent = Adjacent(dims);
        if (adjacent && x.IsContiguous && dims.Length > 0)
        {
            int outer = 1, reduce = 1, inner = 1;
            for (int d = 0; d < x.Rank; d++)
            {
                if (d < dims[0]) outer *= x._shape[d];
                else if (d <= dims[^1]) reduce *= x._shape[d];
                else inner *= x._shape[d];
            }
            return (x, outer, reduce, inner);
        }
        var order = new List<int>(x.Rank);
        for (int d = 0; d < x.Rank; d++) if (Array.IndexOf(dims, d) < 0) order.Add(d);
        int keptCount = 1;
        foreach (int d in order) keptCount *= x._shape[d];
        order.AddRange(dims);
        var permuted = Views.Permute(x, [.. order]).CloneRaw();
        int reduceCount = 1;
        foreach (int d in dims) reduceCount *= x._shape[d];
        return (permuted, keptCount, reduceCount, 1);
    }

    /// <summary>Index of the largest (or smallest) element along <paramref name="dim"/>, as an Int32 tensor.</summary>
    public static Tensor ArgReduce(Tensor x, int dim, bool keepDim, bool max, string name)
    {
        dim = Shapes.NormalizeDim(dim, x.Rank, name);
        if (x.Rank == 0) return Tensor.Full(x.Backend, DType.Int32, [], 0);
        if (x._shape[dim] == 0) throw new ArgumentException($"{name}: dimension {dim} of {Shapes.Format(x._shape)} is empty.");
        var outShape = ReducedShape(x._shape, [dim], keepDim);
        if (!x.DType.IsFloatingPoint()) throw ElementWiseCompute.NotFloat(name, x);
        var result = x.EmptyLike(DType.Int32, outShape);
        // Rows along dim must be contiguous: with dim innermost a contiguous x serves as is,
        // otherwise dim is moved last in a single copy.
        int reduce = x._shape[dim], outer = x.Numel / reduce;
        bool innermost = true;
        for (int d = dim + 1; d < x.Rank; d++) innermost &= x._shape[d] == 1;
        Tensor src = x;
        if (!(innermost && x.IsContiguous))
        {
            var order = new List<int>(x.Rank);
            for (int d = 0; d < x.Rank; d++) if (d != dim) order.Add(d);
            order.Add(dim);
            src = Views.Permute(x, [.. order]).CloneRaw();
        }
        x.Backend.ArgReduce(max, src.BackendView, outer, reduce, result.BackendView);
        return result;
    }
}
