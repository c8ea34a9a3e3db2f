using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>The 2-D pooling primitives over NCHW data: max, average and adaptive average.</summary>
internal static class PoolingRules
{
    public static Tensor MaxPool2d(Pool2dGeometry geo, Tensor input)
    {
        var x = ElementWiseCompute.Contiguous(input);
        var y = input.EmptyLike(input.DType, [geo.Batch, geo.Channels, geo.OutHeight, geo.OutWidth]);
        input.Backend.MaxPool2d(geo, x.BackendView, y.BackendView);
        return Node.Record(y, "MaxPool2d", [input], g =>
        {
            var gx = y.EmptyLike(input.DType, input.ShapeArray);
            y.Backend.MaxPool2dBackward(geo, x.BackendView, y.BackendView, ElementWiseCompute.Contiguous(g).BackendView, gx.BackendView);
            return [gx];
        }, saved: [x, y]);
    }

    public static Tensor AvgPool2d(Pool2dGeometry geo, Tensor input, bool countIncludePad)
    {
        var y = input.EmptyLike(input.DType, [geo.Batch, geo.Channels, geo.OutHeight, geo.OutWidth]);
        input.Backend.AvgPool2d(geo, ElementWiseCompute.Contiguous(input).BackendView, y.BackendView, countIncludePad);
        return Node.Record(y, "AvgPool2d", [input], g =>
        {
            var gx = y.EmptyLike(input.DType, input.ShapeArray);
            y.Backend.AvgPool2dBackward(geo, ElementWiseCompute.Contiguous(g).BackendView, gx.BackendView, countIncludePad);
            return [gx];
        }, saved: []);
    }

    public static Tensor AdaptiveAvgPool2d(AdaptivePool2dGeometry geo, Tensor input)
    {
        var y = input.EmptyLike(input.DType, [input.Shape[0], input.Shape[1], geo.OutHeight, geo.OutWidth]);
        input.Backend.AdaptiveAvgPool2d(geo, ElementWiseCompute.Contiguous(input).BackendView, y.BackendView);
        return Node.Record(y, "AdaptiveAvgPool2d", [input], g =>
        {
            var gx = y.EmptyLike(input.DType, input.ShapeArray);
            y.Backend.AdaptiveAvgPool2dBackward(geo, ElementWiseCompute.Contiguous(g).BackendView, gx.BackendView);
            return [gx];
        }, saved: []);
    }
}
