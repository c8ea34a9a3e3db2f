namespace DeepSharp.Training;

/// <summary>Mean absolute error over all elements.</summary>
public sealed class MeanAbsoluteErrorMetric : RegressionMetric
{
    /// <inheritdoc/>
    public override string Name => "mae";

    /// <inheritdoc/>
    public override bool HigherIsBetter => false;

    /// <inheritdoc/>
    public override double Result => Count == 0 ? double.NaN : AbsoluteError / Count;
}
