using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Penalty terms γ(W) to add to the loss, the lectures' Loss(W) + γ(W). They are ordinary
/// differentiable tensors, so the penalty's gradient reaches the parameters through Backward.
/// Biases are usually left unpenalized: pass <see cref="Weights"/> to select weights only.
/// </summary>
public static class Regularization
{
    /// <summary>L2 penalty (λ/2) Σ w² over every element of <paramref name="parameters"/>.</summary>
    /// <remarks>The ½ makes the gradient exactly λw, the same as weight decay λ in plain gradient
    /// descent. Returns a scalar in the first parameter's dtype (Float32 zero when there are none).</remarks>
    public static Tensor L2(IEnumerable<Tensor> parameters, double lambda) =>
        Penalty(parameters, lambda, "L2", p => p.Square().Sum(), lambda / 2);

    /// <summary>L1 penalty λ Σ |w| (gradient λ sign(w), 0 at w = 0); drives weights to exactly zero (sparsity).</summary>
    public static Tensor L1(IEnumerable<Tensor> parameters, double lambda) =>
        Penalty(parameters, lambda, "L1", p => p.Abs().Sum(), lambda);

    /// <summary>The parameters of <paramref name="model"/> whose names end in "weight" (biases and
    /// normalization offsets excluded), the usual set to regularize.</summary>
    public static IEnumerable<Tensor> Weights(Module model) =>
        model.NamedParameters()
            .Where(p => p.Name == "weight" || p.Name.EndsWith(".weight", StringComparison.Ordinal))
            .Select(p => p.Value);

    private static Tensor Penalty(IEnumerable<Tensor> parameters, double lambda, string name, Func<Tensor, Tensor> term, double scale)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(lambda >= 0) || !double.IsFinite(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"Regularization.{name}: lambda must be finite and non-negative.");
        Tensor? total = null;
        foreach (var p in parameters)
        {
            var t = term(p);
            total = total is null ? t : total + t.To(total.DType);
        }
        return total is null ? Tensor.Scalar(0) : total * scale;
    }
}
