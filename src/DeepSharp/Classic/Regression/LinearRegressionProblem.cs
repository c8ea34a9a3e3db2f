using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// The lectures' running example: fit y ≈ a·x + b to points (x, y) by least squares. The mean
/// squared error L(a, b) = (1/N) Σ (a·x_i + b − y_i)² is a quadratic bowl over the (slope,
/// intercept) plane; this type gives its value, gradient, Hessian, closed-form minimum and the
/// learning rate at which gradient descent stops converging.
/// </summary>
/// <remarks>All arithmetic is in double precision on the host; the problems are small (≤ 10⁷ points).</remarks>
public sealed class LinearRegressionProblem
{
    private readonly double[] _x, _y;
    private readonly double _mx, _my, _mxx, _mxy, _myy;

    /// <summary>Wraps the points (x[i], y[i]).</summary>
    /// <exception cref="ArgumentException">The arrays differ in length, have fewer than two points, hold a
    /// non-finite value, or all x are equal (the slope is then undetermined).</exception>
    public LinearRegressionProblem(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length) throw new ArgumentException($"Expected as many y values as x values ({x.Length}), got {y.Length}.", nameof(y));
        if (x.Length < 2) throw new ArgumentException($"Expected at least 2 points, got {x.Length}.", nameof(x));
        if (x.Length > 10_000_000) throw new ArgumentException($"Expected at most 10,000,000 points, got {x.Length}.", nameof(x));
        if (x.Any(v => !double.IsFinite(v)) || y.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Expected finite x and y values, found NaN or infinity.", nameof(x));
        (_x, _y) = ((double[])x.Clone(), (double[])y.Clone());
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            _mx += x[i]; _my += y[i]; _mxx += x[i] * x[i]; _mxy += x[i] * y[i]; _myy += y[i] * y[i];
        }
        (_mx, _my, _mxx, _mxy, _myy) = (_mx / n, _my / n, _mxx / n, _mxy / n, _myy / n);
        if (_mxx - _mx * _mx <= 1e-12 * Math.Max(1, _mxx))
            throw new ArgumentException("All x values are (nearly) equal: the slope of a line through them is undetermined.", nameof(x));
    }

    /// <summary>Points on the line y = <paramref name="slope"/>·x + <paramref name="intercept"/> plus
    /// Gaussian noise of standard deviation <paramref name="noise"/>, with x uniform in
    /// [<paramref name="xMin"/>, <paramref name="xMax"/>].</summary>
    public static LinearRegressionProblem Synthetic(int count, double slope, double intercept, double noise,
        RandomGenerator rng, double xMin = 0, double xMax = 4)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Check.Positive(count, nameof(count));
        Check.NonNegative(noise, nameof(noise));
        if (!(xMin < xMax)) throw new ArgumentOutOfRangeException(nameof(xMax), xMax, $"xMax must exceed xMin ({xMin}), got {xMax}.");
        var x = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = rng.NextDouble(xMin, xMax);
            y[i] = slope * x[i] + intercept + noise * rng.NextGaussian();
        }
        return new LinearRegressionProblem(x, y);
    }

    /// <summary>Number of points N.</summary>
    public int Count => _x.Length;

    /// <summary>The x values (a copy).</summary>
    public double[] X => (double[])_x.Clone();

    /// <summary>The y values (a copy).</summary>
    public double[] Y => (double[])_y.Clone();

    /// <summary>L(a, b) over all points, from the sufficient statistics (exact for any a, b).</summary>
    public double Loss(double slope, double intercept) =>
        slope * slope * _mxx + intercept * intercept + _myy + 2 * slope * intercept * _mx - 2 * slope * _mxy - 2 * intercept * _my;

    /// <summary>L over the points <paramref name="indices"/> only (a mini-batch).</summary>
    public double Loss(double slope, double intercept, ReadOnlySpan<int> indices)
    {
        double sum = 0;
        foreach (int i in indices) { double r = slope * _x[i] + intercept - _y[i]; sum += r * r; }
        return sum / indices.Length;
    }

    /// <summary>∇L(a, b) = (2/N) Σ r_i (x_i, 1) with r_i = a·x_i + b − y_i, over all points.</summary>
    public (double Slope, double Intercept) Gradient(double slope, double intercept) =>
        (2 * (slope * _mxx + intercept * _mx - _mxy), 2 * (slope * _mx + intercept - _my));

    /// <summary>∇L over the points <paramref name="indices"/> only (a mini-batch gradient).</summary>
    public (double Slope, double Intercept) Gradient(double slope, double intercept, ReadOnlySpan<int> indices)
    {
        double ga = 0, gb = 0;
        foreach (int i in indices) { double r = slope * _x[i] + intercept - _y[i]; ga += r * _x[i]; gb += r; }
        return (2 * ga / indices.Length, 2 * gb / indices.Length);
    }

    /// <summary>The least-squares line: a* = cov(x, y) / var(x), b* = ȳ − a*·x̄ (where ∇L = 0).</summary>
    public (double Slope, double Intercept) Minimum
    {
        get
        {
            double a = (_mxy - _mx * _my) / (_mxx - _mx * _mx);
            return (a, _my - a * _mx);
        }
    }

    /// <summary>L at <see cref="Minimum"/>: the residual variance left by the best line.</summary>
    public double MinimumLoss => Loss(Minimum.Slope, Minimum.Intercept);

    /// <summary>The largest eigenvalue λ_max of the (constant) Hessian 2·[[E x², E x], [E x, 1]].</summary>
    public double LargestCurvature
    {
        get
        {
            double p = _mxx, q = _mx, trace = p + 1, det = p - q * q;
            return trace + Math.Sqrt(trace * trace - 4 * det); // 2 · (trace + sqrt(trace² − 4 det)) / 2
        }
    }

    /// <summary>Full-batch gradient descent converges for every start exactly when the learning rate
    /// is below 2 / λ_max; this is that bound.</summary>
    public double CriticalLearningRate => 2 / LargestCurvature;

    /// <summary>2 / (λ_min + λ_max) = 1 / (E x² + 1): the constant learning rate with the fastest
    /// worst-case convergence of full-batch gradient descent on this quadratic.</summary>
    public double BestLearningRate => 1 / (_mxx + 1);
}
