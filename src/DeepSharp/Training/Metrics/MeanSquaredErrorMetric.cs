namespace DeepSharp.Training;

/// <summary>Mean squared error over all elements.</summary>
public sealed class MeanSquaredErrorMetric : RegressionMetric
{
    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    public override bool HigherIsBetter => false;

    /// <inheritdoc/>
    public override double Result => Count == 0 ? double.NaN : SquaredError / Count;
}
