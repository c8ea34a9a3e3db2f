using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>A loss function: compares a model's prediction with the target and returns a
/// differentiable tensor (a scalar unless the loss was built with <see cref="Reduction.None"/>).</summary>
public interface ILoss
{
    /// <summary>The loss of <paramref name="prediction"/> against <paramref name="target"/>.</summary>
    /// <param name="prediction">The model's output (requires gradients during training).</param>
    /// <param name="target">The desired output; each loss documents the shape and dtype it accepts.</param>
    Tensor Compute(Tensor prediction, Tensor target);
}
