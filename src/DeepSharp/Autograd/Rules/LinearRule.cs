using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Autograd;

/// <summary>
/// The fused fully connected primitive: y = act(x Wᵀ + b) in one backend call (bias and activation
/// applied as the product is stored), and a backward that folds the activation derivative into the
/// gradient before the two products dX = G W and dW = Gᵀ X (transposes are views, not copies).
/// </summary>
/// <remarks>x (N, in), weight (out, in), bias (out) -> y (N, out).</remarks>
internal static class LinearRule
{
    public static Tensor Apply(Tensor x, Tensor weight, Tensor? bias, Activation activation)
    {
        Devices.Same(x, weight, "Linear");
        if (bias is not null) Devices.Same(x, bias, "Linear");
        if (x.DType != weight.DType || (bias is not null && bias.DType != weight.DType))
            throw new ArgumentException($"Linear: dtypes differ: input {x.DType}, weight {weight.DType}{(bias is null ? "" : $", bias {bias.DType}")}.");
        if (!x.DType.IsFloatingPoint()) throw ElementWiseCompute.NotFloat("Linear", x);
        var xc = ElementWiseCompute.Contiguous(x);
        var wc = ElementWiseCompute.Contiguous(weight);
        var bc = bias is null ? null : ElementWiseCompute.Contiguous(bias);
        int n = x.Shape[0], inF = x.Shape[1], outF = weight.Shape[0];
        var y = x.EmptyLike(x.DType, [n, outF]);
        x.Backend.Linear(xc.BackendView, wc.BackendView, bc?.BackendView, activation, y.BackendView);
        if (!GradMode.IsEnabled || !(x.RequiresGrad || weight.RequiresGrad || (bias?.RequiresGrad ?? false))) return y;

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Node.Record(y, activation == Activation.None ? "Linear" : $"Linear+{activation}", inputs, g =>
        {
            var backend = y.Backend;
            var gz = ElementWiseCompute.Contiguous(g);
            if (activation != Activation.None)
            {
                var d = y.EmptyLike(y.DType, [n, outF]);
                backend.ActivationBackward(activation, y.BackendView, gz.BackendView, d.BackendView);
                gz = d;
            }
            var grads = new Tensor?[inputs.Length];
            if (x.RequiresGrad)
            {
                var dx = y.EmptyLike(y.DType, [n, inF]);
                backend.MatMul(gz.BackendView, wc.BackendView, dx.BackendView);
                grads[0] = dx;
            }
            if (weight.RequiresGrad)
            {
                var dw = y.EmptyLike(y.DType, [outF, inF]);
                backend.MatMul(Transposed(gz), xc.BackendView, dw.BackendView);
                grads[1] = dw;
            }
            if (bias is not null && bias.RequiresGrad)
            {
                var db = y.EmptyLike(y.DType, [outF]);
                backend.Reduce(ReduceOp.Sum, gz.BackendView, new AxisBlock(1, n, outF), db.BackendView);
                grads[2] = db;
            }
            return grads;
        }, saved: [xc, wc, y]);
    }

    /// <summary>The (cols, rows) transposed view of a contiguous matrix.</summary>
    private static StorageView Transposed(Tensor m)
    {
        var v = m.BackendView;
        return new StorageView(v.Storage, v.Offset, [m.Shape[1], m.Shape[0]], [1, m.Shape[1]]);
    }
}
