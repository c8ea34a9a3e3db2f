namespace DeepSharp.Classic;

/// <summary>
/// The trajectory of gradient descent on a <see cref="LinearRegressionProblem"/>: the parameters
/// before the first update and after each one, the full-data loss there, and the epoch count
/// (fractional within an epoch) reached. Index 0 is the start.
/// </summary>
/// <param name="Slope">a after each update.</param>
/// <param name="Intercept">b after each update.</param>
/// <param name="Loss">L(a, b) on all points after each update.</param>
/// <param name="Epoch">Epochs completed after each update (update k of an epoch of U updates adds 1/U).</param>
/// <param name="Diverged">True when the run stopped early because the loss exceeded 10¹² or became non-finite.</param>
public sealed record DescentPath(double[] Slope, double[] Intercept, double[] Loss, double[] Epoch, bool Diverged)
{
    /// <summary>Number of updates made (one less than the number of points on the path).</summary>
    public int Updates => Slope.Length - 1;

    /// <summary>The loss after the last update.</summary>
    public double FinalLoss => Loss[^1];
}
