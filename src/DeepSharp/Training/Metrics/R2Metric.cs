namespace DeepSharp.Training;

/// <summary>Coefficient of determination R² = 1 - SSE / SST over all elements, with
/// SST = Σ (y - ȳ)²; 1 is a perfect fit, 0 is no better than predicting the mean.</summary>
public sealed class R2Metric : RegressionMetric
{
    /// <inheritdoc/>
    public override string Name => "r2";

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    public override double Result
    {
        get
        {
            if (Count == 0) return double.NaN;
            double sst = TargetSquareSum - TargetSum * TargetSum / Count;
            // Constant targets: R² is undefined unless the fit is exact.
            if (sst <= 0) return SquaredError == 0 ? 1 : double.NaN;
            return 1 - SquaredError / sst;
        }
    }
}
