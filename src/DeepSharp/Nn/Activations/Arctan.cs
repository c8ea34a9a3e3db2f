using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Arctangent activation, values in (-π/2, π/2).</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Arctan : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Arctan(input);

    /// <inheritdoc/>
    public override string ToString() => "Arctan";
}
