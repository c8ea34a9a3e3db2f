namespace DeepSharp.Backends;

/// <summary>AdaGrad as in PyTorch.</summary>
/// <param name="LearningRate">η.</param>
/// <param name="LearningRateDecay">κ.</param>
/// <param name="Epsilon">ε.</param>
/// <param name="WeightDecay">λ.</param>
public readonly record struct AdaGradHyperparameters(double LearningRate, double LearningRateDecay, double Epsilon, double WeightDecay);
