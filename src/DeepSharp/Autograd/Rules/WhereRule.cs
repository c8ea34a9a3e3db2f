using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>The select primitive: the gradient flows to <c>a</c> where the condition holds, else to <c>b</c>.</summary>
internal static class WhereRule
{
    public static Tensor Apply(Tensor cond, Tensor a, Tensor b)
    {
        var y = ElementWiseCompute.Where(cond, a, b);
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        return Node.Record(y, "Where", [a, b], g =>
        {
            var zero = g.ScalarOnDevice(0);
            return [
                a.RequiresGrad ? Broadcasting.SumTo(ElementWiseCompute.Where(cond, g, zero), sa) : null,
                b.RequiresGrad ? Broadcasting.SumTo(ElementWiseCompute.Where(cond, zero, g), sb) : null];
        }, saved: [cond]);
    }
}
