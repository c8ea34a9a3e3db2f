namespace DeepSharp.Tensors;

/// <summary>Raw (not recorded) views: new shape / strides / offset over the same storage.</summary>
internal static class Views
{
    public static Tensor Permute(Tensor x, int[] order)
    {
        if (order.Length != x.Rank)
            throw new ArgumentException($"Permute: expected {x.Rank} dimensions for shape {Shapes.Format(x._shape)}, got [{string.Join(", ", order)}].", nameof(order));
        var seen = new bool[x.Rank];
        var shape = new int[x.Rank];
        var strides = new int[x.Rank];
        for (int i = 0; i < order.Length; i++)
        {
            int d = Shapes.NormalizeDim(order[i], x.Rank, "Permute");
            if (seen[d]) throw new ArgumentException($"Permute: dimension {d} appears twice in [{string.Join(", ", order)}].", nameof(order));
            seen[d] = true;
            shape[i] = x._shape[d];
            strides[i] = x._strides[d];
        }
        return x.ViewOf(shape, strides, x._offset);
    }

    /// <summary>Resolves a -1 entry and checks the element count.</summary>
    public static int[] ResolveShape(Tensor x, int[] shape, string op)
    {
        var result = (int[])shape.Clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"{op}: only one dimension can be -1, got {Shapes.Format(shape)}.", nameof(shape));
                infer = i;
            }
            else if (result[i] < 0) throw new ArgumentException($"{op}: invalid dimension {result[i]} in {Shapes.Format(shape)}.", nameof(shape));
            else known *= result[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || x.Numel % known != 0)
                throw new ShapeMismatchException($"{op}: cannot infer -1 in {Shapes.Format(shape)} for {x.Numel} elements of {Shapes.Format(x._shape)}.");
            result[infer] = (int)(x.Numel / known);
        }
        else if (known != x.Numel)
            throw new ShapeMismatchException($"{op}: shape {Shapes.Format(shape)} has {known} elements but the tensor {Shapes.Format(x._shape)} has {x.Numel}.");
        return result;
    }

    /// <summary>A view with a new shape when the layout allows, else a contiguous copy.</summary>
    public static Tensor Reshape(Tensor x, int[] shape, bool allowCopy, string op)
    {
        var resolved = ResolveShape(x, shape, op);
        if (x.IsContiguous) return x.ViewOf(resolved, Shapes.ContiguousStrides(resolved), x._offset);
        if (!allowCopy)
            throw new InvalidOperationException($"{op}: the tensor {Shapes.Format(x._shape)} is not contiguous; use Reshape or Contiguous().View(...).");
        var copy = x.CloneRaw();
        return copy.ViewOf(resolved, Shapes.ContiguousStrides(resolved), 0);
    }

    public static Tensor Expand(Tensor x, int[] shape)
    {
        if (shape.Length < x.Rank)
            throw new ShapeMismatchException($"Expand: cannot expand {Shapes.Format(x._shape)} to fewer dimensions {Shapes.Format(shape)}.");
        var strides = new int[shape.Length];
        var outShape = (int[])shape.Clone();
        int shift = shape.Length - x.Rank;
        for (int i = 0; i < shape.Length; i++)
        {
            if (i < shift)
            {
                if (shape[i] < 0) throw new ShapeMismatchException($"Expand: -1 is not allowed for a new leading dimension in {Shapes.Format(shape)}.");
                strides[i] = 0;
                continue;
            }
            int own = x._shape[i - shift];
            if (shape[i] == -1) outShape[i] = own;
            if (outShape[i] == own) strides[i] = x._strides[i - shift];
            else if (own == 1) strides[i] = 0;
            else throw new ShapeMismatchException($"Expand: cannot expand {Shapes.Format(x._shape)} to {Shapes.Format(shape)}: dimension {i} is {own}, not 1.");
        }
        return x.ViewOf(outShape, strides, x._offset);
    }

    public static Tensor Narrow(Tensor x, int dim, int start, int length)
    {
        dim = Shapes.NormalizeDim(dim, x.Rank, "Narrow");
        int size = x._shape[dim];
        if (start < 0) start += size;
        if (start < 0 || length < 0 || start + length > size)
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow: range [{start}, {start + length}) is outside dimension {dim} of size {size} in {Shapes.Format(x._shape)}.");
        var shape = x.ShapeArray;
        shape[dim] = length;
        return x.ViewOf(shape, (int[])x._strides.Clone(), x._offset + start * x._strides[dim]);
    }
}
