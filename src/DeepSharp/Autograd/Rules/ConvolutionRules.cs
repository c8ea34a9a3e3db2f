using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>The 2-D convolution primitive (cross-correlation over NCHW data), optionally with a fused
/// activation whose derivative the backward folds in before the input and weight gradients.</summary>
/// <remarks>x (N, C, H, W), weight (K, C/groups, KH, KW), bias (K) -> y (N, K, OH, OW); the
/// geometry comes validated from the functional API.</remarks>
internal static class ConvolutionRules
{
    public static Tensor Conv2d(Conv2dGeometry geo, Tensor input, Tensor weight, Tensor? bias, Activation activation)
    {
        Devices.Same(input, weight, "Conv2d");
        if (bias is not null) Devices.Same(input, bias, "Conv2d");
        var x = ElementWiseCompute.Contiguous(input);
        var w = ElementWiseCompute.Contiguous(weight);
        var b = bias is null ? null : ElementWiseCompute.Contiguous(bias);
        var backend = input.Backend;
        var y = input.EmptyLike(input.DType, [geo.Batch, geo.OutChannels, geo.OutHeight, geo.OutWidth]);
        backend.Conv2d(geo, x.BackendView, w.BackendView, b?.BackendView, activation, y.BackendView);
        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Node.Record(y, activation == Activation.None ? "Conv2d" : $"Conv2d+{activation}", inputs, gradOutput =>
        {
            var gy = ElementWiseCompute.Contiguous(gradOutput);
            if (activation != Activation.None)
            {
                var d = y.EmptyLike(y.DType, y.ShapeArray);
                backend.ActivationBackward(activation, y.BackendView, gy.BackendView, d.BackendView);
                gy = d;
            }
            Tensor? gx = null, gw = null, gb = null;
            if (input.RequiresGrad)
            {
                gx = y.EmptyLike(input.DType, input.ShapeArray);
                backend.Conv2dBackwardInput(geo, gy.BackendView, w.BackendView, gx.BackendView);
            }
            if (weight.RequiresGrad || bias is { RequiresGrad: true })
            {
                gw = y.EmptyLike(weight.DType, weight.ShapeArray);
                gb = bias is null ? null : y.EmptyLike(bias.DType, bias.ShapeArray);
                backend.Conv2dBackwardWeight(geo, x.BackendView, gy.BackendView, gw.BackendView, gb?.BackendView);
            }
            return bias is null ? [gx, gw] : [gx, gw, gb];
        }, saved: [x, w, y]);
    }
}
