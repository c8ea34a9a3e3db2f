namespace DeepSharp.Classic;

/// <summary>
/// The loss of a <see cref="LinearRegressionProblem"/> sampled on a regular grid over the
/// (slope, intercept) plane, for heat maps and contour plots.
/// </summary>
/// <param name="SlopeMin">Smallest a.</param>
/// <param name="SlopeMax">Largest a.</param>
/// <param name="InterceptMin">Smallest b.</param>
/// <param name="InterceptMax">Largest b.</param>
/// <param name="Values">L at (a_j, b_i) in row i, column j: a_j = SlopeMin + j·(SlopeMax − SlopeMin)/(columns − 1), b_i likewise.</param>
public sealed record LossLandscape(double SlopeMin, double SlopeMax, double InterceptMin, double InterceptMax, double[,] Values)
{
    /// <summary>Samples L on <paramref name="columns"/> × <paramref name="rows"/> points (the lecture's range is a ∈ [−2, 4], b ∈ [−6, 8]).</summary>
    public static LossLandscape Sample(LinearRegressionProblem problem, double slopeMin, double slopeMax, double interceptMin, double interceptMax,
        int columns = 121, int rows = 141)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!(slopeMin < slopeMax) || !double.IsFinite(slopeMin) || !double.IsFinite(slopeMax))
            throw new ArgumentOutOfRangeException(nameof(slopeMax), $"Expected a finite slope range with min < max, got [{slopeMin}, {slopeMax}].");
        if (!(interceptMin < interceptMax) || !double.IsFinite(interceptMin) || !double.IsFinite(interceptMax))
            throw new ArgumentOutOfRangeException(nameof(interceptMax), $"Expected a finite intercept range with min < max, got [{interceptMin}, {interceptMax}].");
        if (columns is < 2 or > 4096) throw new ArgumentOutOfRangeException(nameof(columns), columns, $"columns must be in 2..4096, got {columns}.");
        if (rows is < 2 or > 4096) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows must be in 2..4096, got {rows}.");
        var values = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            double b = interceptMin + i * (interceptMax - interceptMin) / (rows - 1);
            for (int j = 0; j < columns; j++)
                values[i, j] = problem.Loss(slopeMin + j * (slopeMax - slopeMin) / (columns - 1), b);
        }
        return new LossLandscape(slopeMin, slopeMax, interceptMin, interceptMax, values);
    }

    /// <summary>The grid point with the smallest loss: its (a, b) and value.</summary>
    public (double Slope, double Intercept, double Loss) GridMinimum
    {
        get
        {
            int rows = Values.GetLength(0), columns = Values.GetLength(1), bi = 0, bj = 0;
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    if (Values[i, j] < Values[bi, bj]) (bi, bj) = (i, j);
            return (SlopeMin + bj * (SlopeMax - SlopeMin) / (columns - 1), InterceptMin + bi * (InterceptMax - InterceptMin) / (rows - 1), Values[bi, bj]);
        }
    }
}
