using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>The parameterized activations and the two-argument element-wise losses, each one
/// primitive: one backend pass forward and one backward instead of a chain of composed ops.</summary>
internal static class PointwiseRules
{
    public static Tensor Activation(Tensor x, PointwiseFunction f, string name)
    {
        var xr = FloatingContiguous(x, name);
        var y = x.EmptyLike(x.DType, x.ShapeArray);
        x.Backend.Pointwise(f, xr.BackendView, y.BackendView);
        return Node.Record(y, name, [x], g =>
        {
            var gx = y.EmptyLike(y.DType, y.ShapeArray);
            y.Backend.PointwiseBackward(f, xr.BackendView, y.BackendView, ElementWiseCompute.Contiguous(g).BackendView, gx.BackendView);
            return [gx];
        }, saved: [xr, y]);
    }

    public static Tensor Loss(Tensor a, Tensor b, PointwiseLossKind loss, string name)
    {
        Devices.Same(a, b, name);
        var ar = FloatingContiguous(a, name);
        var br = FloatingContiguous(b, name);
        var y = a.EmptyLike(a.DType, a.ShapeArray);
        a.Backend.PointwiseLoss(loss, ar.BackendView, br.BackendView, y.BackendView);
        return Node.Record(y, name, [a, b], g =>
        {
            Tensor? ga = a.RequiresGrad ? y.EmptyLike(y.DType, y.ShapeArray) : null;
            Tensor? gb = b.RequiresGrad ? y.EmptyLike(y.DType, y.ShapeArray) : null;
            y.Backend.PointwiseLossBackward(loss, ar.BackendView, br.BackendView, ElementWiseCompute.Contiguous(g).BackendView, ga?.BackendView, gb?.BackendView);
            return [ga, gb];
        }, saved: [ar, br]);
    }

    private static Tensor FloatingContiguous(Tensor x, string name)
    {
        if (!x.DType.IsFloatingPoint())
            throw new NotSupportedException($"{name}: needs a floating-point tensor, got {x.DType} {Shapes.Format(x.Shape)}.");
        return ElementWiseCompute.Contiguous(x);
    }
}
