using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>View and copy primitives: their backward moves the gradient back into the input's layout.</summary>
internal static class ViewRules
{
    public static Tensor Reshape(Tensor x, int[] shape, bool allowCopy, string name)
    {
        var y = Views.Reshape(x, shape, allowCopy, name);
        int[] inShape = x.ShapeArray;
        return Node.Record(y, name, [x], g => [g.Reshape(inShape)], saved: []);
    }

    public static Tensor Permute(Tensor x, int[] order)
    {
        var y = Views.Permute(x, order);
        var inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++) inverse[Shapes.NormalizeDim(order[i], x.Rank, "Permute")] = i;
        return Node.Record(y, "Permute", [x], g => [g.Permute(inverse)], saved: []);
    }

    public static Tensor Expand(Tensor x, int[] shape)
    {
        var y = Views.Expand(x, shape);
        int[] inShape = x.ShapeArray;
        return Node.Record(y, "Expand", [x], g => [Broadcasting.SumTo(g, inShape)], saved: []);
    }

    public static Tensor Narrow(Tensor x, int dim, int start, int length)
    {
        var y = Views.Narrow(x, dim, start, length);
        int[] inShape = x.ShapeArray;
        int d = Shapes.NormalizeDim(dim, x.Rank, "Narrow");
        int s = start < 0 ? start + x.Shape[d] : start;
        return Node.Record(y, "Narrow", [x], g =>
        {
            var full = Tensor.Full(g.Backend, g.DType, inShape, 0);
            Views.Narrow(full, d, s, length).CopyFrom(g);
            return [full];
        }, saved: []);
    }

    public static Tensor Clone(Tensor x)
    {
        var y = x.CloneRaw();
        return Node.Record(y, "Clone", [x], g => [g], saved: []);
    }

    public static Tensor Cat(Tensor[] parts, int dim)
    {
        if (parts.Length == 0) throw new ArgumentException("Cat: needs at least one tensor.", nameof(parts));
        for (int i = 0; i < parts.Length; i++)
            if (parts[i].Rank == 0)
                throw new ShapeMismatchException($"Cat: zero-dimensional tensor (at position {i}) cannot be concatenated; use Stack, or Reshape(1) each part first.");
        var first = parts[0];
        int d = Shapes.NormalizeDim(dim, first.Rank, "Cat");
        var shape = first.ShapeArray;
        int total = 0;
        foreach (var p in parts)
        {
            if (p.Rank != first.Rank || p.DType != first.DType)
                throw new ShapeMismatchException($"Cat: {p.DType} {Shapes.Format(p.Shape)} does not match {first.DType} {Shapes.Format(first.Shape)}.");
            for (int i = 0; i < shape.Length; i++)
                if (i != d && p.Shape[i] != shape[i])
                    throw new ShapeMismatchException($"Cat: shapes {Shapes.Format(first.Shape)} and {Shapes.Format(p.Shape)} differ outside dimension {d}.");
            total += p.Shape[d];
        }
        shape[d] = total;
        var y = first.EmptyLike(first.DType, shape);
        var offsets = new int[parts.Length];
        int at = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            offsets[i] = at;
            Views.Narrow(y, d, at, parts[i].Shape[d]).CopyFrom(parts[i]);
            at += parts[i].Shape[d];
        }
        return Node.Record(y, "Cat", parts, g =>
        {
            var grads = new Tensor?[parts.Length];
            for (int i = 0; i < parts.Length; i++)
                if (parts[i].RequiresGrad) grads[i] = g.Narrow(d, offsets[i], parts[i].Shape[d]);
            return grads;
        }, saved: []);
    }

    public static Tensor Cast(Tensor x, DType dtype)
    {
        var y = x.ConvertRaw(dtype);
        var from = x.DType;
        return Node.Record(y, "Cast", [x], g => [g.ConvertRaw(from)], saved: []);
    }
}
