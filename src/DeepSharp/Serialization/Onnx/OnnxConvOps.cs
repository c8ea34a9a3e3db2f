using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization.Onnx;

/// <summary>Convolution, pooling, padding and inference batch normalization of an imported graph (1-D and 2-D).</summary>
internal static class OnnxConvOps
{
    public static readonly string[] Supported = ["Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "Pad", "BatchNormalization"];

    public static OnnxValue Run(OnnxNode node, OnnxValue?[] x)
    {
        var input = x[0]?.Tensor ?? throw node.Error("input 0 is missing.");
        switch (node.Op)
        {
            case "Conv":
            {
                var weight = x[1]?.Tensor ?? throw node.Error("input 1 (the weight) is missing.");
                var bias = x.Length > 2 ? x[2]?.Tensor : null;
                var (stride, pad, dilation) = Geometry(node, weight.Rank - 2);
                int groups = (int)node.Int("group", 1);
                if (weight.Rank == 3)
                    return OnnxValue.Float(ConvFunctional.Conv1d(input, weight, bias, stride.Width, pad.Width, dilation.Width, groups));
                return OnnxValue.Float(ConvFunctional.Conv2d(input, weight, bias, stride, pad, dilation, groups));
            }
            case "MaxPool":
            {
                if (node.Proto.Output.Count > 1 && node.Proto.Output[1].Length > 0) throw node.Error("the Indices output is not supported.");
                node.Require("storage_order", 0);
                var (kernel, stride, pad, _) = Pool(node, input);
                return OnnxValue.Float(ConvFunctional.MaxPool2d(input, kernel, stride, pad));
            }
            case "AveragePool":
            {
                var (kernel, stride, pad, _) = Pool(node, input);
                return OnnxValue.Float(ConvFunctional.AvgPool2d(input, kernel, stride, pad, node.Int("count_include_pad", 0) != 0));
            }
            case "GlobalAveragePool":
                if (input.Rank != 4) throw node.Error($"expected (N, C, H, W), got {Shapes.Format(input.Shape)}.");
                return OnnxValue.Float(ConvFunctional.AdaptiveAvgPool2d(input, 1));
            case "Pad":
                return Pad(node, x, input);
            case "BatchNormalization":
            {
                if (node.Int("training_mode", 0) != 0) throw node.Error("training_mode = 1 is not supported (export the model in eval mode).");
                int channels = input.Shape[1];
                int[] shape = [1, channels, .. Enumerable.Repeat(1, input.Rank - 2)];
                Tensor P(int i) => (x.Length > i ? x[i]?.Tensor : null)?.Reshape(shape) ?? throw node.Error($"input {i} is missing.");
                var (scale, shift, mean, variance) = (P(1), P(2), P(3), P(4));
                var inv = (variance + node.Float("epsilon", 1e-5f)).Sqrt();
                return OnnxValue.Float((input - mean) / inv * scale + shift);
            }
            default:
                throw node.Error("not supported by the DeepSharp importer.");
        }
    }

    /// <summary>Strides, symmetric pads and dilations of a 1-D or 2-D window (1-D as 1 x W).</summary>
    private static (Size2d Stride, Size2d Pad, Size2d Dilation) Geometry(OnnxNode node, int spatial)
    {
        if (spatial is not (1 or 2)) throw node.Error($"only 1-D and 2-D windows are supported, got {spatial}-D.");
        if (node.String("auto_pad", "NOTSET") is not ("NOTSET" or "VALID")) throw node.Error($"auto_pad = {node.String("auto_pad", "")} is not supported.");
        long[] strides = node.Ints("strides") ?? [.. Enumerable.Repeat(1L, spatial)];
        long[] dilations = node.Ints("dilations") ?? [.. Enumerable.Repeat(1L, spatial)];
        long[] pads = node.Ints("pads") ?? [.. Enumerable.Repeat(0L, 2 * spatial)];
        for (int i = 0; i < spatial; i++)
            if (pads[i] != pads[i + spatial]) throw node.Error($"asymmetric padding [{string.Join(", ", pads)}] is not supported.");
        return spatial == 1
            ? ((1, (int)strides[0]), (0, (int)pads[0]), (1, (int)dilations[0]))
            : (((int)strides[0], (int)strides[1]), ((int)pads[0], (int)pads[1]), ((int)dilations[0], (int)dilations[1]));
    }

    private static (Size2d Kernel, Size2d Stride, Size2d Pad, Size2d Dilation) Pool(OnnxNode node, Tensor input)
    {
        node.Require("ceil_mode", 0);
        var k = node.Ints("kernel_shape") ?? throw node.Error("kernel_shape is missing.");
        if (k.Length != 2 || input.Rank != 4) throw node.Error($"only 2-D pooling over (N, C, H, W) is supported, got kernel [{string.Join(", ", k)}].");
        var (stride, pad, dilation) = Geometry(node, 2);
        if (dilation != new Size2d(1, 1)) throw node.Error("dilated pooling is not supported.");
        return (((int)k[0], (int)k[1]), stride, pad, dilation);
    }

    /// <summary>Constant padding, as zero blocks concatenated on each side.</summary>
    private static OnnxValue Pad(OnnxNode node, OnnxValue?[] x, Tensor input)
    {
        if (node.String("mode", "constant") != "constant") throw node.Error($"mode {node.String("mode", "")} is not supported (only constant).");
        long[] pads = x.Length > 1 && x[1] is { } p ? p.Longs() : node.Ints("pads") ?? [];
        double value = x.Length > 2 && x[2] is { } v ? v.Tensor.To(DType.Float64).ToDoubleArray()[0] : 0;
        long[] axes = x.Length > 3 && x[3] is { } a ? a.Longs() : [.. Enumerable.Range(0, input.Rank).Select(i => (long)i)];
        if (pads.Length != 2 * axes.Length) throw node.Error($"pads [{string.Join(", ", pads)}] do not fit {axes.Length} axes.");
        if (pads.Any(v => v < 0)) throw node.Error("negative pads are not supported.");
        var t = input;
        for (int i = 0; i < axes.Length; i++)
        {
            int axis = (int)(axes[i] < 0 ? axes[i] + input.Rank : axes[i]);
            foreach (var (amount, before) in new[] { (pads[i], true), (pads[i + axes.Length], false) })
            {
                if (amount == 0) continue;
                var shape = t.ShapeArray;
                shape[axis] = (int)amount;
                var block = Tensor.Full(shape, value, t.DType);
                t = Tensor.Cat(before ? [block, t] : [t, block], axis);
            }
        }
        return OnnxValue.Float(t);
    }
}
