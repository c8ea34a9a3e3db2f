using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>
/// Standardization: each feature becomes (x - mean) / std, with the mean and (population)
/// standard deviation fitted on the training split and then applied unchanged to the others.
/// </summary>
/// <remarks>Input (N, features...) -> output of the same shape. A constant feature (std 0) is only centred.</remarks>
public sealed class Standardizer
{
    private double[]? _mean;
    private double[]? _std;

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _mean is not null;

    /// <summary>The fitted per-feature means.</summary>
    public IReadOnlyList<double> Mean => _mean ?? throw NotFitted();

    /// <summary>The fitted per-feature standard deviations (population, dividing by N).</summary>
    public IReadOnlyList<double> Std => _std ?? throw NotFitted();

    /// <summary>A standardizer with known statistics (e.g. restored from a checkpoint).</summary>
    public static Standardizer FromStatistics(IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        if (mean.Count != std.Count || mean.Count == 0)
            throw new ArgumentException($"Expected as many standard deviations as means (at least one), got {mean.Count} means and {std.Count} deviations.");
        foreach (double s in std)
            if (!(s >= 0) || double.IsInfinity(s))
                throw new ArgumentOutOfRangeException(nameof(std), s, "Standard deviations must be finite and non-negative.");
        return new Standardizer { _mean = [.. mean], _std = [.. std] };
    }

    /// <summary>Fits the per-feature mean and standard deviation on the rows of <paramref name="data"/> (N, ...).</summary>
    public Standardizer Fit(Tensor data)
    {
        var (values, rows, features) = FeatureStatistics.Rows(data, "Standardizer.Fit");
        if (rows == 0) throw new ArgumentException("Standardizer.Fit expected at least one row, got none.", nameof(data));
        var mean = new double[features];
        var std = new double[features];
        for (int r = 0; r < rows; r++)
            for (int f = 0; f < features; f++) mean[f] += values[r * features + f];
        for (int f = 0; f < features; f++) mean[f] /= rows;
        // Two passes: the centred sum of squares avoids the cancellation of E[x²] - E[x]².
        for (int r = 0; r < rows; r++)
            for (int f = 0; f < features; f++)
            {
                double d = values[r * features + f] - mean[f];
                std[f] += d * d;
            }
        for (int f = 0; f < features; f++) std[f] = Math.Sqrt(std[f] / rows);
        (_mean, _std) = (mean, std);
        return this;
    }

    /// <summary>Returns (x - mean) / std per feature, shaped like <paramref name="data"/>.</summary>
    public Tensor Transform(Tensor data)
    {
        if (_mean is null || _std is null) throw NotFitted();
        var scale = _std.Select(s => s > 0 ? 1.0 / s : 1.0).ToArray();
        return FeatureStatistics.Affine(data, _mean, scale, new double[_mean.Length], "Standardizer.Transform");
    }

    /// <summary>Fits on <paramref name="data"/> and transforms it.</summary>
    public Tensor FitTransform(Tensor data) => Fit(data).Transform(data);

    /// <summary>Maps standardized values back: x * std + mean.</summary>
    public Tensor InverseTransform(Tensor data)
    {
        if (_mean is null || _std is null) throw NotFitted();
        var scale = _std.Select(s => s > 0 ? s : 1.0).ToArray();
        return FeatureStatistics.Affine(data, new double[_mean.Length], scale, _mean, "Standardizer.InverseTransform");
    }

    private static InvalidOperationException NotFitted() =>
        new("The Standardizer is not fitted: call Fit on the training data first.");
}
