using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Logistic sigmoid σ(x) = 1 / (1 + e^-x).</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Sigmoid : Module, IFusableActivation
{
    /// <inheritdoc/>
    public Backends.Activation Fused => Backends.Activation.Sigmoid;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Sigmoid(input);

    /// <inheritdoc/>
    public override string ToString() => "Sigmoid";
}
