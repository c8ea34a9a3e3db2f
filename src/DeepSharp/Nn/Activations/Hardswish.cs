using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Hardswish (MobileNetV3): x · relu6(x + 3) / 6.</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Hardswish : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Hardswish(input);

    /// <inheritdoc/>
    public override string ToString() => "Hardswish()";
}
