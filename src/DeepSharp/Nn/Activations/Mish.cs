using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Mish: x · tanh(softplus(x)).</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Mish : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Mish(input);

    /// <inheritdoc/>
    public override string ToString() => "Mish()";
}
