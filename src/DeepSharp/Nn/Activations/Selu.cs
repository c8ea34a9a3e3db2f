using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>SELU: λ · ELU(x, α) with the self-normalizing constants.</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Selu : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Selu(input);

    /// <inheritdoc/>
    public override string ToString() => "SELU()";
}
