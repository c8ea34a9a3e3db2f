using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>Softmax along <paramref name="dim"/>: y_i = e^(x_i) / Σ_j e^(x_j), computed after subtracting
    /// the maximum so logits of ±1000 give finite results. Backward applies the full Jacobian:
    /// dx_i = y_i (g_i - Σ_j g_j y_j).</summary>
    /// <param name="input">Logits.</param>
    /// <param name="dim">Dimension that sums to 1 (negative counts from the end; default the last).</param>
    /// <remarks>input (*) -> output (*), each slice along <paramref name="dim"/> a probability vector.</remarks>
    public static Tensor Softmax(Tensor input, int dim = -1) => SoftmaxRule.Apply(input, dim, log: false);

    /// <summary>Log-softmax along <paramref name="dim"/>: x_i - log Σ_j e^(x_j), stable for large logits
    /// (no exponential overflows, no log of 0). Backward: dx_i = g_i - softmax_i Σ_j g_j.</summary>
    /// <param name="input">Logits.</param>
    /// <param name="dim">Dimension normalized over (default the last).</param>
    /// <remarks>input (*) -> output (*), log-probabilities (≤ 0).</remarks>
    public static Tensor LogSoftmax(Tensor input, int dim = -1) => SoftmaxRule.Apply(input, dim, log: true);
}
