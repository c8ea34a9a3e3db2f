namespace DeepSharp.Training;

/// <summary>The outcome of <c>Evaluator.Evaluate</c>.</summary>
/// <param name="Loss">Mean loss over the samples, or null when no loss was given.</param>
/// <param name="Metric">The requested metric, or null.</param>
/// <param name="Accuracy">Fraction of correct class predictions for class-index (Int32) targets, else null.</param>
/// <param name="Samples">Number of samples evaluated.</param>
/// <param name="Confusion">The confusion matrix for class-index targets, else null.</param>
public sealed record EvaluationResult(double? Loss, double? Metric, double? Accuracy, int Samples, ConfusionMatrix? Confusion);
