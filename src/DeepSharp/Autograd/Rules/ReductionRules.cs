using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>Reduction primitives: sum and max / min along dimensions.</summary>
internal static class ReductionRules
{
    public static Tensor Sum(Tensor x, int[]? dims, bool keepDim)
    {
        var nd = Shapes.NormalizeDims(dims, x.Rank, "Sum");
        var y = Reductions.Reduce(ReduceOp.Sum, x, nd, keepDim, "Sum");
        if (!Tensor.RequiresGradRecording(x)) return y;
        int[] inShape = x.ShapeArray, kept = Reductions.ReducedShape(inShape, nd, keepDim: true);
        return Node.Record(y, "Sum", [x], g => [g.Reshape(kept).Expand(inShape)], saved: []);
    }

    /// <summary>Max or min over dims; the gradient is shared evenly by the elements that attain it.</summary>
    public static Tensor MaxMin(Tensor x, int[]? dims, bool keepDim, bool max)
    {
        string name = max ? "Max" : "Min";
        var nd = Shapes.NormalizeDims(dims, x.Rank, name);
        var y = Reductions.Reduce(max ? ReduceOp.Max : ReduceOp.Min, x, nd, keepDim, name);
        if (!Tensor.RequiresGradRecording(x)) return y;
        int[] inShape = x.ShapeArray, kept = Reductions.ReducedShape(inShape, nd, keepDim: true);
        return Node.Record(y, name, [x], g =>
        {
            var mask = x.Eq(y.Reshape(kept));
            var count = mask.Sum(nd, keepDim: true);
            return [mask * (g.Reshape(kept) / count)];
        }, saved: [x, y]);
    }
}
