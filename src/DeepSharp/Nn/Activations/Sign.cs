using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Perceptron sign: +1 where x ≥ 0, else -1.</summary>
/// <remarks>input (*) -> output (*), same shape. The gradient is zero almost everywhere (the backward passes zeros): this layer is for perceptrons trained by the perceptron rule, not by backpropagation.</remarks>
public sealed class Sign : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Sign(input);

    /// <inheritdoc/>
    public override string ToString() => "Sign";
}
