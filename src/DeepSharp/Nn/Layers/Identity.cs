using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Passes its input through unchanged (a placeholder layer, e.g. a linear output activation).</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Identity : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Identity(input);

    /// <inheritdoc/>
    public override string ToString() => "Identity";
}
