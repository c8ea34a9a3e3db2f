using DeepSharp.Nn;
using DeepSharp.Serialization.Onnx.Proto;
using static DeepSharp.Serialization.Onnx.OnnxAttributes;

namespace DeepSharp.Serialization.Onnx;

/// <summary>The ONNX nodes of the activation layers (opset 17: GELU, SiLU and Swish are composed).</summary>
internal static class OnnxActivationExport
{
    /// <summary>Emits the activation, or returns null when <paramref name="module"/> is not one.</summary>
    public static string? Emit(OnnxGraphBuilder g, Module module, string x, string hint)
    {
        switch (module)
        {
            case Relu: return g.Node("Relu", [x], hint);
            case Tanh: return g.Node("Tanh", [x], hint);
            case Sigmoid: return g.Node("Sigmoid", [x], hint);
            case Arctan: return g.Node("Atan", [x], hint);
            case LeakyRelu l: return g.Node("LeakyRelu", [x], hint, Float("alpha", l.Slope));
            case Elu e: return g.Node("Elu", [x], hint, Float("alpha", e.Alpha));
            case Softmax s: return g.Node("Softmax", [x], hint, Int("axis", s.Dim));
            case LogSoftmax s: return g.Node("LogSoftmax", [x], hint, Int("axis", s.Dim));
            case ShiftedRelu s: return g.Node("Max", [x, g.Scalar(hint + "_shift", s.Shift)], hint);
            case Silu: return SwishNodes(g, x, 1, hint);
            case Swish s: return SwishNodes(g, x, s.Beta, hint);
            case Gelu gelu: return GeluNodes(g, x, gelu.Approximation, hint);
            case Softplus s:
            {
                // log(1 + e^(βx)) / β, and x itself where βx > threshold (DeepSharp's and PyTorch's rule).
                var scaled = g.Node("Mul", [x, g.Scalar(hint + "_beta", s.Beta)], hint + "_scaled");
                var smooth = g.Node("Div", [g.Node("Softplus", [scaled], hint + "_softplus"), g.Scalar(hint + "_beta", s.Beta)], hint + "_smooth");
                var linear = g.Node("Greater", [scaled, g.Scalar(hint + "_threshold", s.Threshold)], hint + "_linear");
                return g.Node("Where", [linear, x, smooth], hint);
            }
            case Sign:
            {
                var positive = g.Node("GreaterOrEqual", [x, g.Scalar(hint + "_zero", 0)], hint + "_positive");
                return g.Node("Where", [positive, g.Scalar(hint + "_one", 1), g.Scalar(hint + "_minus_one", -1)], hint);
            }
            case Step s:
            {
                var above = g.Node("GreaterOrEqual", [x, g.Scalar(hint + "_threshold", s.Threshold)], hint + "_above");
                return g.Node("Cast", [above], hint, Int("to", (long)TensorProto.Types.DataType.Float));
            }
            default: return null;
        }
    }

    private static string SwishNodes(OnnxGraphBuilder g, string x, double beta, string hint)
    {
        var scaled = beta == 1 ? x : g.Node("Mul", [x, g.Scalar(hint + "_beta", beta)], hint + "_scaled");
        return g.Node("Mul", [x, g.Node("Sigmoid", [scaled], hint + "_gate")], hint);
    }

    private static string GeluNodes(OnnxGraphBuilder g, string x, GeluApproximation approximation, string hint)
    {
        string inner;
        if (approximation == GeluApproximation.None)
        {
            // x Φ(x) = 0.5 x (1 + erf(x / √2))
            var scaled = g.Node("Mul", [x, g.Scalar(hint + "_inv_sqrt2", 1 / Math.Sqrt(2))], hint + "_scaled");
            inner = g.Node("Erf", [scaled], hint + "_erf");
        }
        else
        {
            // 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))
            var cube = g.Node("Mul", [g.Node("Mul", [x, x], hint + "_square"), x], hint + "_cube");
            var sum = g.Node("Add", [x, g.Node("Mul", [cube, g.Scalar(hint + "_c", 0.044715)], hint + "_cubic")], hint + "_sum");
            inner = g.Node("Tanh", [g.Node("Mul", [sum, g.Scalar(hint + "_k", Math.Sqrt(2 / Math.PI))], hint + "_arg")], hint + "_tanh");
        }
        var onePlus = g.Node("Add", [inner, g.Scalar(hint + "_one", 1)], hint + "_one_plus");
        var half = g.Node("Mul", [x, g.Scalar(hint + "_half", 0.5)], hint + "_half_x");
        return g.Node("Mul", [half, onePlus], hint);
    }
}
