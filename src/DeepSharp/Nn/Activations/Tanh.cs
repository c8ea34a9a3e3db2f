using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Hyperbolic tangent.</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Tanh : Module, IFusableActivation
{
    /// <inheritdoc/>
    public Backends.Activation Fused => Backends.Activation.Tanh;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Tanh(input);

    /// <inheritdoc/>
    public override string ToString() => "Tanh";
}
