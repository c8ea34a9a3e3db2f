namespace DeepSharp.Optim;

/// <summary>
/// A snapshot of an optimizer's state for checkpoints: step counts, learning rates and the
/// per-parameter buffers (e.g. <c>3.exp_avg</c>: the first moment of parameter 3, in the flat
/// parameter order of <see cref="Optimizer.Parameters"/>).
/// </summary>
/// <param name="StepCount">Number of <see cref="Optimizer.Step"/> calls.</param>
/// <param name="ParameterSteps">Per parameter, the number of updates it received (parameters without a gradient are skipped).</param>
/// <param name="LearningRates">The current learning rate of each group.</param>
/// <param name="Buffers">Per-parameter buffers by name <c>index.buffer</c>; only those created so far.</param>
public sealed record OptimizerState(
    int StepCount,
    IReadOnlyList<int> ParameterSteps,
    IReadOnlyList<double> LearningRates,
    IReadOnlyDictionary<string, float[]> Buffers);
