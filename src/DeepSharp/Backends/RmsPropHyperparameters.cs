namespace DeepSharp.Backends;

/// <summary>RMSprop as in PyTorch.</summary>
/// <param name="LearningRate">η.</param>
/// <param name="Alpha">Smoothing constant α.</param>
/// <param name="Epsilon">ε.</param>
/// <param name="WeightDecay">λ.</param>
/// <param name="Momentum">μ.</param>
/// <param name="Centered">Normalize by the estimated variance.</param>
public readonly record struct RmsPropHyperparameters(float LearningRate, float Alpha, float Epsilon, float WeightDecay, float Momentum, bool Centered);
