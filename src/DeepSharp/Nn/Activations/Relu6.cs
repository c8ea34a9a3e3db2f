using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>ReLU6: min(max(x, 0), 6).</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Relu6 : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Relu6(input);

    /// <inheritdoc/>
    public override string ToString() => "ReLU6()";
}
