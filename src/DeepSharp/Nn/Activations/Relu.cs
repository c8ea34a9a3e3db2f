using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Rectified linear unit max(x, 0).</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Relu : Module, IFusableActivation
{
    /// <inheritdoc/>
    public Backends.Activation Fused => Backends.Activation.Relu;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Relu(input);

    /// <inheritdoc/>
    public override string ToString() => "ReLU";
}
