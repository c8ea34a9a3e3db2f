using DeepSharp.Autograd;
using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>Unit step: 1 where x ≥ <paramref name="threshold"/>, else 0 (Heaviside when the threshold is 0).</summary>
    /// <remarks>input (*) -> output (*). The derivative is zero almost everywhere, so the backward
    /// passes zeros: the step is for perceptrons trained by the perceptron rule, not by backpropagation.</remarks>
    public static Tensor Step(Tensor input, double threshold = 0) => PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.Step, threshold), "Step");

    /// <summary>Sign for perceptrons: +1 where x ≥ 0, else -1 (never 0, unlike <see cref="Tensor.Sign"/>).</summary>
    /// <remarks>input (*) -> output (*). Zero gradient almost everywhere (the backward passes zeros).</remarks>
    public static Tensor Sign(Tensor input) => PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.Sign), "Sign");

    /// <summary>Logistic sigmoid σ(x) = 1 / (1 + e^-x); σ' = σ(1 - σ).</summary>
    /// <remarks>input (*) -> output (*), values in (0, 1).</remarks>
    public static Tensor Sigmoid(Tensor input) => input.Sigmoid();

    /// <summary>Hyperbolic tangent; tanh' = 1 - tanh².</summary>
    /// <remarks>input (*) -> output (*), values in (-1, 1).</remarks>
    public static Tensor Tanh(Tensor input) => input.Tanh();

    /// <summary>Arctangent; arctan' = 1 / (1 + x²).</summary>
    /// <remarks>input (*) -> output (*), values in (-π/2, π/2).</remarks>
    public static Tensor Arctan(Tensor input) => input.Atan();

    /// <summary>Rectified linear unit max(x, 0); the gradient at 0 is taken as 0.</summary>
    /// <remarks>input (*) -> output (*).</remarks>
    public static Tensor Relu(Tensor input) => input.Relu();

    /// <summary>Leaky ReLU: x for x &gt; 0, <paramref name="slope"/>·x otherwise.</summary>
    /// <remarks>input (*) -> output (*).</remarks>
    public static Tensor LeakyRelu(Tensor input, double slope = 0.01)
    {
        CheckFinite(slope, nameof(slope), "LeakyRelu");
        return PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.LeakyRelu, slope), "LeakyRelu");
    }

    /// <summary>ReLU moved so its bend sits at (shift, shift): max(x, shift); the default -1 bends at (-1, -1).</summary>
    /// <remarks>input (*) -> output (*). Gradient 1 where x &gt; shift, else 0.</remarks>
    public static Tensor ShiftedRelu(Tensor input, double shift = -1)
    {
        CheckFinite(shift, nameof(shift), "ShiftedRelu");
        return PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.ShiftedRelu, shift), "ShiftedRelu");
    }

    /// <summary>Softplus log(1 + e^(βx)) / β, a smooth ReLU whose derivative is σ(βx); where βx exceeds
    /// <paramref name="threshold"/> it returns x (equal to working precision, and overflow-free).</summary>
    /// <remarks>input (*) -> output (*), values &gt; 0.</remarks>
    public static Tensor Softplus(Tensor input, double beta = 1, double threshold = 20)
    {
        if (!(beta > 0) || double.IsInfinity(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "Softplus: beta must be positive and finite.");
        if (double.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Softplus: threshold must be a number.");
        return PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.Softplus, beta, threshold), "Softplus");
    }

    /// <summary>Exponential linear unit: x for x &gt; 0, α(e^x - 1) otherwise.</summary>
    /// <remarks>input (*) -> output (*), values &gt; -α.</remarks>
    public static Tensor Elu(Tensor input, double alpha = 1)
    {
        CheckFinite(alpha, nameof(alpha), "Elu");
        return PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.Elu, alpha), "Elu");
    }

    /// <summary>Swish x · σ(βx); with β = 1 it is SiLU. Derivative s(1 + βx(1 - s)) with s = σ(βx).</summary>
    /// <remarks>input (*) -> output (*).</remarks>
    public static Tensor Swish(Tensor input, double beta = 1)
    {
        CheckFinite(beta, nameof(beta), "Swish");
        return PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.Swish, beta), "Swish");
    }

    /// <summary>SiLU x · σ(x), Swish with β = 1.</summary>
    /// <remarks>input (*) -> output (*).</remarks>
    public static Tensor Silu(Tensor input) => PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.Swish, 1), "Silu");

    /// <summary>GELU x · Φ(x), Φ the standard normal CDF; exact (erf) by default, or the tanh approximation.</summary>
    /// <remarks>input (*) -> output (*). Derivative Φ(x) + x φ(x).</remarks>
    public static Tensor Gelu(Tensor input, GeluApproximation approximation = GeluApproximation.None) => approximation switch
    {
        GeluApproximation.None => PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.GeluErf), "Gelu"),
        GeluApproximation.Tanh => PointwiseRules.Activation(input, new PointwiseFunction(PointwiseKind.GeluTanh), "Gelu"),
        _ => throw new ArgumentOutOfRangeException(nameof(approximation), approximation, "Gelu: unknown approximation."),
    };

    private static void CheckFinite(double value, string name, string op)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{op}: {name} must be finite.");
    }
}
