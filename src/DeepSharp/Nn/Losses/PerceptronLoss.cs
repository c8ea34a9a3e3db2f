using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>The perceptron criterion as a loss object (see <see cref="Functional.PerceptronCriterion"/>):
/// with plain SGD, batch size 1 and learning rate η, training is Rosenblatt's perceptron rule.</summary>
/// <param name="reduction">Sum (default), Mean or None.</param>
public sealed class PerceptronLoss(Reduction reduction = Reduction.Sum) : ILoss
{
    /// <summary>How per-sample losses are combined.</summary>
    public Reduction Reduction { get; } = reduction;

    /// <inheritdoc/>
    public Tensor Compute(Tensor prediction, Tensor target) => Functional.PerceptronCriterion(prediction, target, Reduction);
}
