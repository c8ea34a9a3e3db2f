using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Serialization.Onnx.OnnxAttributes;

namespace DeepSharp.Serialization.Onnx;

/// <summary>The ONNX nodes of one leaf layer: linear, convolution, pooling and shape layers here;
/// activations in <see cref="OnnxActivationExport"/>, recurrent layers in <see cref="OnnxRecurrentExport"/>.</summary>
internal static class OnnxLayerExport
{
    /// <summary>Emits <paramref name="module"/> applied to value <paramref name="x"/>; the shapes are those of a
    /// sample run (batch included). Returns the output value's name.</summary>
    /// <exception cref="NotSupportedException">The layer has no ONNX mapping.</exception>
    public static string Emit(OnnxGraphBuilder g, Module module, string x, int[] inShape, int[] outShape, string prefix)
    {
        string hint = prefix.TrimEnd('.');
        if (hint.Length == 0) hint = module.GetType().Name;
        switch (module)
        {
            case Linear l:
                return LinearNodes(g, x, l.Weight, l.Bias, inShape.Length, prefix, hint);
            case Conv2d c:
            {
                var o = c.Options;
                return Conv(g, x, c.Weight, c.Bias, prefix, hint,
                    Ints("kernel_shape", o.KernelSize.Height, o.KernelSize.Width), Ints("strides", o.Stride.Height, o.Stride.Width),
                    Ints("pads", o.Padding.Height, o.Padding.Width, o.Padding.Height, o.Padding.Width),
                    Ints("dilations", o.Dilation.Height, o.Dilation.Width), Int("group", o.Groups));
            }
            case Conv1d c:
            {
                var o = c.Options;
                return Conv(g, x, c.Weight, c.Bias, prefix, hint,
                    Ints("kernel_shape", o.KernelSize.Width), Ints("strides", o.Stride.Width),
                    Ints("pads", o.Padding.Width, o.Padding.Width), Ints("dilations", o.Dilation.Width), Int("group", o.Groups));
            }
            case MaxPool2d p:
                return g.Node("MaxPool", [x], hint, PoolAttributes(p.Options));
            case AvgPool2d p:
                return g.Node("AveragePool", [x], hint, [.. PoolAttributes(p.Options), Int("count_include_pad", p.Options.CountIncludePad ? 1 : 0)]);
            case AdaptiveAvgPool2d a:
                return AdaptivePool(g, a, x, inShape, hint);
            case Flatten f:
                return FlattenNodes(g, f, x, inShape, outShape, hint);
            case Nn.Reshape r:
                return g.Node("Reshape", [x, g.Int64s(hint + "_shape", [0, .. r.Shape.Select(d => (long)d)])], hint);
            case Maxout m:
            {
                var linear = LinearNodes(g, x, m.Weight, m.Bias, inShape.Length, prefix, hint + "_linear");
                long[] grouped = [.. Enumerable.Repeat(0L, inShape.Length - 1), m.OutFeatures, m.Pieces];
                var reshaped = g.Node("Reshape", [linear, g.Int64s(hint + "_pieces", grouped)], hint + "_pieces");
                return g.Node("ReduceMax", [reshaped], hint, Ints("axes", -1), Int("keepdims", 0));
            }
            case LastTimeStep t:
                return g.Node("Gather", [x, g.Int64s(hint + "_last", [-1], scalar: true)], hint, Int("axis", t.BatchFirst ? 1 : 0));
            case Dropout or Identity:
                return g.Node("Identity", [x], hint); // inference: dropout is the identity
            case RecurrentLayerBase r:
                return OnnxRecurrentExport.Emit(g, r, x, prefix, hint);
            default:
                return OnnxActivationExport.Emit(g, module, x, hint)
                    ?? throw new NotSupportedException(
                        $"ONNX export: layer '{hint}' ({module}, type {module.GetType().Name}) has no ONNX mapping.");
        }
    }

    /// <summary>x Wᵀ + b: Gemm for a matrix input, MatMul (+ Add) otherwise.</summary>
    private static string LinearNodes(OnnxGraphBuilder g, string x, Tensor weight, Tensor? bias, int rank, string prefix, string hint)
    {
        if (rank == 2)
        {
            string[] inputs = bias is null
                ? [x, g.Initializer(prefix + "weight", weight)]
                : [x, g.Initializer(prefix + "weight", weight), g.Initializer(prefix + "bias", bias)];
            return g.Node("Gemm", inputs, hint, Int("transB", 1));
        }
        var product = g.Node("MatMul", [x, g.Initializer(prefix + "weight_transposed", weight.T.Contiguous())], bias is null ? hint : hint + "_matmul");
        return bias is null ? product : g.Node("Add", [product, g.Initializer(prefix + "bias", bias)], hint);
    }

    private static string Conv(OnnxGraphBuilder g, string x, Tensor weight, Tensor? bias, string prefix, string hint, params Proto.AttributeProto[] attributes)
    {
        string[] inputs = bias is null
            ? [x, g.Initializer(prefix + "weight", weight)]
            : [x, g.Initializer(prefix + "weight", weight), g.Initializer(prefix + "bias", bias)];
        return g.Node("Conv", inputs, hint, attributes);
    }

    private static Proto.AttributeProto[] PoolAttributes(Pool2dOptions o)
    {
        var s = o.EffectiveStride;
        return [Ints("kernel_shape", o.KernelSize.Height, o.KernelSize.Width), Ints("strides", s.Height, s.Width),
            Ints("pads", o.Padding.Height, o.Padding.Width, o.Padding.Height, o.Padding.Width)];
    }

    private static string AdaptivePool(OnnxGraphBuilder g, AdaptiveAvgPool2d a, string x, int[] inShape, string hint)
    {
        var (oh, ow) = (a.OutputSize.Height, a.OutputSize.Width);
        if (oh == 1 && ow == 1) return g.Node("GlobalAveragePool", [x], hint);
        int h = inShape[^2], w = inShape[^1];
        if (h % oh != 0 || w % ow != 0)
            throw new NotSupportedException(
                $"ONNX export: layer '{hint}' ({a}) maps to AveragePool only when the input {h}x{w} is a multiple of the output {oh}x{ow}.");
        return g.Node("AveragePool", [x], hint, Ints("kernel_shape", h / oh, w / ow), Ints("strides", h / oh, w / ow));
    }

    private static string FlattenNodes(OnnxGraphBuilder g, Flatten f, string x, int[] inShape, int[] outShape, string hint)
    {
        int rank = inShape.Length;
        int start = f.StartDim < 0 ? f.StartDim + rank : f.StartDim, end = f.EndDim < 0 ? f.EndDim + rank : f.EndDim;
        if (start == 1 && end == rank - 1) return g.Node("Flatten", [x], hint, Int("axis", 1));
        // The leading dimensions are copied (0 keeps the batch dynamic); a flattened batch is inferred (-1).
        var shape = outShape.Select((d, i) => i < start ? 0L : (start == 0 && i == 0 ? -1L : d)).ToArray();
        return g.Node("Reshape", [x, g.Int64s(hint + "_shape", shape)], hint);
    }
}
