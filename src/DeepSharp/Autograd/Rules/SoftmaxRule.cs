using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>Softmax and log-softmax along one dimension as single primitives (max-shifted, so logits
/// of ±1000 stay finite). Softmax: dx = y (g - Σ g y); log-softmax: dx = g - e^y Σ g.</summary>
internal static class SoftmaxRule
{
    public static Tensor Apply(Tensor x, int dim, bool log)
    {
        string name = log ? "LogSoftmax" : "Softmax";
        if (!x.DType.IsFloatingPoint())
            throw new NotSupportedException($"{name}: needs a floating-point tensor, got {x.DType} {Shapes.Format(x.Shape)}.");
        var xr = ElementWiseCompute.Contiguous(x);
        int[] shape = x.Rank == 0 ? [1] : x.ShapeArray;
        int d = Shapes.NormalizeDim(dim, shape.Length, name);
        var block = AxisBlock.Of(shape, d);
        var y = x.EmptyLike(x.DType, x.ShapeArray);
        if (block.Size > 0) x.Backend.Softmax(xr.BackendView, block, log, y.BackendView);
        return Node.Record(y, name, [x], g =>
        {
            var gx = y.EmptyLike(y.DType, y.ShapeArray);
            if (block.Size > 0) y.Backend.SoftmaxBackward(y.BackendView, ElementWiseCompute.Contiguous(g).BackendView, block, log, gx.BackendView);
            return [gx];
        }, saved: [y]);
    }
}
