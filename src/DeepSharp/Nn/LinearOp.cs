using DeepSharp.Autograd;
using DeepSharp.Kernels;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// The fused fully connected primitive: y = act(x Wᵀ + b) in one GEMM pass (bias and activation
/// applied as C is stored), and a backward that folds the activation derivative into the
/// gradient before the two GEMMs dX = G W and dW = Gᵀ X (transposes are GEMM flags, not copies).
/// </summary>
/// <remarks>x (N, in), weight (out, in), bias (out) -> y (N, out). Float32 with contiguous operands
/// takes this path; anything else is composed from MatMul, add and the activation.</remarks>
internal static class LinearOp
{
    public static Tensor Apply(Tensor x, Tensor weight, Tensor? bias, Activation activation)
    {
        bool fast = x.DType == DType.Float32 && weight.DType == DType.Float32 && (bias is null || bias.DType == DType.Float32)
            && x.Rank == 2 && x.IsContiguous && weight.IsContiguous && (bias is null || bias.IsContiguous);
        if (!fast) return Composed(x, weight, bias, activation);

        int n = x.Shape[0], inF = x.Shape[1], outF = weight.Shape[0];
        var y = Tensor.Empty(DType.Float32, [n, outF]);
        Gemm.SgemmBiasAct(false, true, n, outF, inF, 1f, x.AsSpan<float>(), inF, weight.AsSpan<float>(), inF,
            0f, y.AsSpan<float>(), outF, bias is null ? default : bias.AsSpan<float>(), activation);
        if (!GradMode.IsEnabled || !(x.RequiresGrad || weight.RequiresGrad || (bias?.RequiresGrad ?? false))) return y;

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Node.Record(y, "Linear", inputs, g =>
        {
            var gz = ActivationGrad(TensorOps.Contiguous(g), y, activation);
            var gzs = gz.AsSpan<float>();
            var grads = new Tensor?[inputs.Length];
            if (x.RequiresGrad)
            {
                var dx = Tensor.Empty(DType.Float32, [n, inF]);
                Gemm.Sgemm(false, false, n, inF, outF, 1f, gzs, outF, weight.AsSpan<float>(), inF, 0f, dx.AsSpan<float>(), inF);
                grads[0] = dx;
            }
            if (weight.RequiresGrad)
            {
                var dw = Tensor.Empty(DType.Float32, [outF, inF]);
                Gemm.Sgemm(true, false, outF, inF, n, 1f, gzs, outF, x.AsSpan<float>(), inF, 0f, dw.AsSpan<float>(), inF);
                grads[1] = dw;
            }
            if (bias is not null && bias.RequiresGrad)
            {
                var db = Tensor.Empty(DType.Float32, [outF]);
                Reduce.Axis(BinaryOp.Add, gzs, 1, n, outF, db.AsSpan<float>());
                grads[2] = db;
            }
            return grads;
        });
    }

    /// <summary>g · act'(z), written with the stored output y: relu' = [y &gt; 0], tanh' = 1 - y², sigmoid' = y (1 - y).</summary>
    private static Tensor ActivationGrad(Tensor g, Tensor y, Activation activation)
    {
        if (activation == Activation.None) return g;
        var result = Tensor.Empty(DType.Float32, g.ShapeArray);
        Kernels.ActivationGrad.Apply(activation, g.AsSpan<float>(), y.AsSpan<float>(), result.AsSpan<float>());
        return result;
    }

    private static Tensor Composed(Tensor x, Tensor weight, Tensor? bias, Activation activation)
    {
        var z = x.MatMul(weight.T);
        if (bias is not null) z += bias;
        return activation switch
        {
            Activation.Relu => z.Relu(),
            Activation.Tanh => z.Tanh(),
            Activation.Sigmoid => z.Sigmoid(),
            _ => z,
        };
    }
}
