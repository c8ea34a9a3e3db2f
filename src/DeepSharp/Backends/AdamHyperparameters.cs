namespace DeepSharp.Backends;

/// <summary>Adam (L2 weight decay in the gradient) or AdamW (decoupled decay of the weights).</summary>
/// <param name="LearningRate">η.</param>
/// <param name="Beta1">β1.</param>
/// <param name="Beta2">β2.</param>
/// <param name="Epsilon">ε.</param>
/// <param name="WeightDecay">λ.</param>
/// <param name="DecoupledWeightDecay">AdamW's rule.</param>
public readonly record struct AdamHyperparameters(double LearningRate, double Beta1, double Beta2, double Epsilon, double WeightDecay, bool DecoupledWeightDecay);
