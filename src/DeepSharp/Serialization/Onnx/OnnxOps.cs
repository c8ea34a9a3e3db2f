using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization.Onnx;

/// <summary>
/// Runs one node of an imported graph with DeepSharp tensor ops: element-wise math and activations here,
/// shapes and indexing in <see cref="OnnxShapeOps"/>, convolution / pooling / normalization in
/// <see cref="OnnxConvOps"/>, recurrent layers in <see cref="OnnxRecurrentImport"/>.
/// </summary>
internal static class OnnxOps
{
    /// <summary>Every op the importer runs.</summary>
    public static readonly HashSet<string> Supported =
    [
        "Add", "Sub", "Mul", "Div", "MatMul", "Gemm", "Relu", "Tanh", "Sigmoid", "Atan", "Exp", "Log", "Sqrt", "Neg", "Abs",
        "LeakyRelu", "Elu", "Softplus", "Softmax", "LogSoftmax", "Max", "Min", "Greater", "GreaterOrEqual", "Less", "LessOrEqual",
        "Equal", "Where", "Cast", "Identity", "Dropout", "ReduceMax", "ReduceMean", "Pow",
        .. OnnxShapeOps.Supported, .. OnnxConvOps.Supported, .. OnnxRecurrentImport.Supported,
    ];

    public static OnnxValue Run(OnnxNode node, OnnxValue?[] x)
    {
        OnnxValue In(int i) => i < x.Length && x[i] is { } v ? v : throw node.Error($"input {i} is missing.");
        Tensor T(int i) => In(i).Tensor;
        OnnxValue Same(Tensor t) => new(t, In(0).IsInteger);
        Tensor F64(int i) => T(i).To(DType.Float64);
        switch (node.Op)
        {
            case "Add": return Arithmetic(node, In(0), In(1), (a, b) => a + b);
            case "Sub": return Arithmetic(node, In(0), In(1), (a, b) => a - b);
            case "Mul": return Arithmetic(node, In(0), In(1), (a, b) => a * b);
            case "Div":
            {
                var q = Arithmetic(node, In(0), In(1), (a, b) => a / b);
                return q.IsInteger ? OnnxValue.Integers([.. q.Tensor.ToDoubleArray().Select(v => (long)Math.Truncate(v))], q.Shape) : q;
            }
            case "Pow": return OnnxValue.Float(T(0).Pow(T(1)));
            case "MatMul": return OnnxValue.Float(T(0).MatMul(T(1)));
            case "Gemm": return Gemm(node, x);
            case "Relu": return Same(T(0).Relu());
            case "Tanh": return OnnxValue.Float(T(0).Tanh());
            case "Sigmoid": return OnnxValue.Float(T(0).Sigmoid());
            case "Atan": return OnnxValue.Float(T(0).Atan());
            case "Exp": return OnnxValue.Float(T(0).Exp());
            case "Log": return OnnxValue.Float(T(0).Log());
            case "Sqrt": return OnnxValue.Float(T(0).Sqrt());
            case "Neg": return Same(T(0).Neg());
            case "Abs": return Same(T(0).Abs());
            case "LeakyRelu": return OnnxValue.Float(Functional.LeakyRelu(T(0), node.Float("alpha", 0.01f)));
            case "Elu": return OnnxValue.Float(Functional.Elu(T(0), node.Float("alpha", 1f)));
            case "Softplus": return OnnxValue.Float(Functional.Softplus(T(0)));
            case "Softmax": return OnnxValue.Float(Functional.Softmax(T(0), (int)node.Int("axis", -1)));
            case "LogSoftmax": return OnnxValue.Float(Functional.LogSoftmax(T(0), (int)node.Int("axis", -1)));
            case "Max": return Fold(node, x, (a, b) => a.Maximum(b));
            case "Min": return Fold(node, x, (a, b) => a.Minimum(b));
            case "Greater": return Mask(F64(0).Gt(F64(1)));
            case "GreaterOrEqual": return Mask(F64(0).Ge(F64(1)));
            case "Less": return Mask(F64(0).Lt(F64(1)));
            case "LessOrEqual": return Mask(F64(0).Le(F64(1)));
            case "Equal": return Mask(F64(0).Eq(F64(1)));
            case "Where":
            {
                bool integer = In(1).IsInteger && In(2).IsInteger;
                var dtype = integer ? DType.Float64 : DType.Float32;
                return new OnnxValue(Tensor.Where(T(0).To(dtype), T(1).To(dtype), T(2).To(dtype)), integer);
            }
            case "Cast": return Cast(node, In(0));
            case "Identity" or "Dropout": return In(0);
            case "ReduceMax" or "ReduceMean":
            {
                var axes = node.Ints("axes") ?? (x.Length > 1 && x[1] is { } ax ? ax.Longs() : [.. Enumerable.Range(0, T(0).Rank).Select(i => (long)i)]);
                int[] dims = [.. axes.Select(a => (int)a)];
                bool keep = node.Int("keepdims", 1) != 0;
                return Same(node.Op == "ReduceMax" ? T(0).Max(dims, keep) : T(0).Mean(dims, keep));
            }
            default:
                if (OnnxShapeOps.Supported.Contains(node.Op)) return OnnxShapeOps.Run(node, x);
                if (OnnxConvOps.Supported.Contains(node.Op)) return OnnxConvOps.Run(node, x);
                throw node.Error("not supported by the DeepSharp importer.");
        }
    }

    // Comparison masks are 0 / 1; Where reads them as conditions, Cast turns them into numbers.
    private static OnnxValue Mask(Tensor mask) => new(mask.To(DType.Float64), true);

    private static OnnxValue Arithmetic(OnnxNode node, OnnxValue a, OnnxValue b, Func<Tensor, Tensor, Tensor> op)
    {
        bool integer = a.IsInteger && b.IsInteger;
        var dtype = integer ? DType.Float64 : DType.Float32;
        try
        {
            return new OnnxValue(op(a.Tensor.To(dtype), b.Tensor.To(dtype)), integer);
        }
        catch (ShapeMismatchException ex)
        {
            throw node.Error(ex.Message);
        }
    }

    private static OnnxValue Fold(OnnxNode node, OnnxValue?[] x, Func<Tensor, Tensor, Tensor> op)
    {
        var values = x.Where(v => v is not null).Select(v => v!).ToArray();
        if (values.Length == 0) throw node.Error("needs at least one input.");
        var acc = values[0];
        foreach (var v in values.Skip(1)) acc = Arithmetic(node, acc, v, op);
        return acc;
    }

    private static OnnxValue Gemm(OnnxNode node, OnnxValue?[] x)
    {
        var a = x[0]!.Tensor;
        var b = x[1]!.Tensor;
        var c = x.Length > 2 ? x[2]?.Tensor : null;
        float alpha = node.Float("alpha", 1), beta = node.Float("beta", 1);
        if (node.Int("transA", 0) != 0) a = a.T;
        bool transB = node.Int("transB", 0) != 0;
        if (alpha == 1 && (c is null || beta == 1) && transB && (c is null || c.Rank == 1))
            return OnnxValue.Float(Functional.Linear(a, b, c)); // PyTorch's nn.Linear: x Wᵀ + b in one pass
        var y = a.MatMul(transB ? b.T : b);
        if (alpha != 1) y = y * alpha;
        if (c is not null) y = y + (beta == 1 ? c : c * beta);
        return OnnxValue.Float(y);
    }

    private static OnnxValue Cast(OnnxNode node, OnnxValue v)
    {
        var to = (Proto.TensorProto.Types.DataType)node.Int("to", 0);
        return to switch
        {
            Proto.TensorProto.Types.DataType.Float or Proto.TensorProto.Types.DataType.Double => OnnxValue.Float(v.Tensor.To(DType.Float32)),
            Proto.TensorProto.Types.DataType.Int64 or Proto.TensorProto.Types.DataType.Int32 or Proto.TensorProto.Types.DataType.Bool =>
                OnnxValue.Integers([.. v.Tensor.To(DType.Float64).Contiguous().ToDoubleArray().Select(d => to == Proto.TensorProto.Types.DataType.Bool ? (d != 0 ? 1L : 0L) : (long)Math.Truncate(d))], v.Shape),
            _ => throw node.Error($"cast to {to} is not supported."),
        };
    }
}
