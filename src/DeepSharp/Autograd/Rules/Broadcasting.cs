using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>The backward of broadcasting: gradients are summed back to the operand's shape.</summary>
public static class Broadcasting
{
    /// <summary>Sums <paramref name="grad"/> over the dimensions that broadcasting added or stretched
    /// so the result has <paramref name="shape"/>.</summary>
    public static Tensor SumTo(Tensor grad, int[] shape)
    {
        if (Shapes.SameShape(grad.Shape, shape)) return grad;
        int shift = grad.Rank - shape.Length;
        if (shift < 0)
            throw new ShapeMismatchException($"SumTo: cannot reduce {Shapes.Format(grad.Shape)} to the larger rank {Shapes.Format(shape)}.");
        var dims = new List<int>();
        for (int d = 0; d < grad.Rank; d++)
            if (d < shift || (shape[d - shift] == 1 && grad.Shape[d] != 1)) dims.Add(d);
        var summed = dims.Count == 0 ? grad : Reductions.Reduce(ReduceOp.Sum, grad, [.. dims], keepDim: true, "SumTo");
        return Views.Reshape(summed, shape, allowCopy: true, "SumTo");
    }
}
