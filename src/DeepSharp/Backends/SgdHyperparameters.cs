namespace DeepSharp.Backends;

/// <summary>SGD: d = g + λp; with μ ≠ 0, b = (first step) ? d : μb + (1 - τ)d and d = nesterov ? d + μb : b; p -= ηd.</summary>
/// <param name="LearningRate">η.</param>
/// <param name="Momentum">μ (0: plain gradient descent).</param>
/// <param name="Dampening">τ.</param>
/// <param name="WeightDecay">λ, an L2 term added to the gradient.</param>
/// <param name="Nesterov">Nesterov momentum.</param>
public readonly record struct SgdHyperparameters(float LearningRate, float Momentum, float Dampening, float WeightDecay, bool Nesterov);
