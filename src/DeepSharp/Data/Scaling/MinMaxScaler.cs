using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>
/// Min-max scaling: each feature is mapped linearly so that its training minimum and maximum
/// become <see cref="Low"/> and <see cref="High"/> (default [0, 1]); other splits use the same map.
/// </summary>
/// <remarks>Input (N, features...) -> output of the same shape. A constant feature maps to <see cref="Low"/>.</remarks>
public sealed class MinMaxScaler
{
    private double[]? _min;
    private double[]? _max;

    /// <summary>Creates a scaler onto [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public MinMaxScaler(double low = 0, double high = 1)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || !(low < high))
            throw new ArgumentOutOfRangeException(nameof(high), high, $"MinMaxScaler expected finite low < high, got [{low}, {high}].");
        Low = low;
        High = high;
    }

    /// <summary>Target value of a feature's training minimum.</summary>
    public double Low { get; }

    /// <summary>Target value of a feature's training maximum.</summary>
    public double High { get; }

    /// <summary>Whether <see cref="Fit"/> has run.</summary>
    public bool IsFitted => _min is not null;

    /// <summary>The fitted per-feature minima.</summary>
    public IReadOnlyList<double> Min => _min ?? throw NotFitted();

    /// <summary>The fitted per-feature maxima.</summary>
    public IReadOnlyList<double> Max => _max ?? throw NotFitted();

    /// <summary>Fits the per-feature minimum and maximum on the rows of <paramref name="data"/> (N, ...).</summary>
    public MinMaxScaler Fit(Tensor data)
    {
        var (values, rows, features) = FeatureStatistics.Rows(data, "MinMaxScaler.Fit");
        if (rows == 0) throw new ArgumentException("MinMaxScaler.Fit expected at least one row, got none.", nameof(data));
        var min = Enumerable.Repeat(double.PositiveInfinity, features).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, features).ToArray();
        for (int r = 0; r < rows; r++)
            for (int f = 0; f < features; f++)
            {
                double v = values[r * features + f];
                if (v < min[f]) min[f] = v;
                if (v > max[f]) max[f] = v;
            }
        (_min, _max) = (min, max);
        return this;
    }

    /// <summary>Returns low + (x - min) * (high - low) / (max - min) per feature.</summary>
    public Tensor Transform(Tensor data)
    {
        if (_min is null || _max is null) throw NotFitted();
        var scale = new double[_min.Length];
        for (int f = 0; f < scale.Length; f++)
            scale[f] = _max[f] > _min[f] ? (High - Low) / (_max[f] - _min[f]) : 0;
        return FeatureStatistics.Affine(data, _min, scale, Enumerable.Repeat(Low, scale.Length).ToArray(), "MinMaxScaler.Transform");
    }

    /// <summary>Fits on <paramref name="data"/> and transforms it.</summary>
    public Tensor FitTransform(Tensor data) => Fit(data).Transform(data);

    /// <summary>Maps scaled values back to the original range.</summary>
    public Tensor InverseTransform(Tensor data)
    {
        if (_min is null || _max is null) throw NotFitted();
        var scale = new double[_min.Length];
        for (int f = 0; f < scale.Length; f++) scale[f] = (_max[f] - _min[f]) / (High - Low);
        return FeatureStatistics.Affine(data, Enumerable.Repeat(Low, scale.Length).ToArray(), scale, _min, "MinMaxScaler.InverseTransform");
    }

    private static InvalidOperationException NotFitted() =>
        new("The MinMaxScaler is not fitted: call Fit on the training data first.");
}
