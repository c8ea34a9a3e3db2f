using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>The select primitive: the gradient flows to <c>a</c> where the condition holds, else to <c>b</c>.</summary>
internal static class WhereOp
{
    public static Tensor Apply(Tensor cond, Tensor a, Tensor b)
    {
        var y = CompareOps.Where(cond, a, b);
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        return Node.Record(y, "Where", [a, b], g =>
        {
            var zero = Tensor.Scalar(0.0, g.DType);
            return [
                a.RequiresGrad ? Broadcasting.SumTo(CompareOps.Where(cond, g, zero), sa) : null,
                b.RequiresGrad ? Broadcasting.SumTo(CompareOps.Where(cond, zero, g), sb) : null];
        });
    }
}
