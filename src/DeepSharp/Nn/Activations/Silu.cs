using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>SiLU x · σ(x) (Swish with β = 1).</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Silu : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Silu(input);

    /// <inheritdoc/>
    public override string ToString() => "SiLU";
}
