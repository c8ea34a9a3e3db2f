using DeepSharp.Tensors;

namespace DeepSharp.Data;

/// <summary>
/// Seeded toy data sets of the lectures: Gaussian clouds, concentric circles, XOR, two spirals,
/// moons, noisy linear regression and samples of a 1-D function.
/// </summary>
/// <remarks>
/// Two-dimensional sets return X (N, 2) row-major and labels (N). Classes are interleaved
/// (row i belongs to class i mod k, for k classes), so every prefix of the rows is nearly
/// balanced. With the same generator state the output is bit-identical. When
/// <c>rng</c> is null, <see cref="RandomGenerator.Default"/> is used.
/// </remarks>
public static class ToyData
{
    /// <summary>k Gaussian clouds with centres evenly spaced on a circle of radius
    /// <paramref name="radius"/> around the origin (class c at angle 2πc/k).</summary>
    /// <param name="perClass">Points per class (N = perClass * classes).</param>
    /// <param name="classes">Number of classes k.</param>
    /// <param name="std">Standard deviation of each cloud, per coordinate.</param>
    /// <param name="rng">The random generator.</param>
    /// <param name="radius">Distance of every centre from the origin.</param>
    public static (float[] X, int[] Labels) GaussianClouds(int perClass, int classes, double std,
        RandomGenerator? rng = null, double radius = 3.0)
    {
        Positive(perClass, nameof(perClass));
        Positive(classes, nameof(classes));
        NonNegative(std, nameof(std));
        NonNegative(radius, nameof(radius));
        rng ??= RandomGenerator.Default;
        return Interleaved(checked(perClass * classes), classes, std, rng, (c, _) =>
        {
            double angle = 2 * Math.PI * c / classes;
            return (radius * Math.Cos(angle), radius * Math.Sin(angle));
        });
    }

    /// <summary>Two concentric circles: class 0 on radius 1, class 1 on radius
    /// <paramref name="factor"/>, evenly spaced angles, plus Gaussian noise.</summary>
    /// <param name="n">Total points (class 0 gets the extra one when odd).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise per coordinate.</param>
    /// <param name="factor">Inner radius relative to the outer one, in (0, 1).</param>
    /// <param name="rng">The random generator.</param>
    public static (float[] X, int[] Labels) ConcentricCircles(int n, double noise, double factor = 0.5, RandomGenerator? rng = null)
    {
        Positive(n, nameof(n));
        NonNegative(noise, nameof(noise));
        if (!(factor > 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor (inner radius / outer radius) must be in (0, 1).");
        rng ??= RandomGenerator.Default;
        int[] counts = [(n + 1) / 2, n / 2];
        return Interleaved(n, 2, noise, rng, (c, k) =>
        {
            double angle = 2 * Math.PI * k / counts[c];
            double r = c == 0 ? 1.0 : factor;
            return (r * Math.Cos(angle), r * Math.Sin(angle));
        });
    }

    /// <summary>XOR quadrants: points uniform in the four quadrants of [-1, 1]², kept at least
    /// 0.1 from the axes; label 1 where x and y have opposite signs; then Gaussian noise.</summary>
    /// <param name="n">Total points (quadrants taken in turn, so classes are balanced).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added after labelling.</param>
    /// <param name="rng">The random generator.</param>
    public static (float[] X, int[] Labels) Xor(int n, double noise, RandomGenerator? rng = null)
    {
        Positive(n, nameof(n));
        NonNegative(noise, nameof(noise));
        rng ??= RandomGenerator.Default;
        const double margin = 0.1;
        var x = new float[2 * n];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            // Quadrants in order I, II, III, IV: labels 0, 1, 0, 1.
            int q = i % 4;
            double sx = q is 0 or 3 ? 1 : -1;
            double sy = q < 2 ? 1 : -1;
            x[2 * i] = (float)(sx * rng.NextDouble(margin, 1.0) + noise * rng.NextGaussian());
            x[2 * i + 1] = (float)(sy * rng.NextDouble(margin, 1.0) + noise * rng.NextGaussian());
            labels[i] = sx != sy ? 1 : 0;
        }
        return (x, labels);
    }

    /// <summary>The XOR truth table: inputs (0,0), (0,1), (1,0), (1,1) with labels 0, 1, 1, 0.</summary>
    public static (float[] X, int[] Labels) XorTable() => ([0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0]);

    /// <summary>Two interleaved spirals: class 0 at radius r = t, angle 2π·turns·t for
    /// t = 1/perClass .. 1; class 1 is class 0 rotated by π; plus Gaussian noise.</summary>
    /// <param name="perClass">Points per spiral (N = 2 * perClass).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise per coordinate.</param>
    /// <param name="turns">Number of turns of each spiral.</param>
    /// <param name="rng">The random generator.</param>
    public static (float[] X, int[] Labels) TwoSpirals(int perClass, double noise, double turns = 1.5, RandomGenerator? rng = null)
    {
        Positive(perClass, nameof(perClass));
        NonNegative(noise, nameof(noise));
        if (!(turns > 0) || double.IsInfinity(turns))
            throw new ArgumentOutOfRangeException(nameof(turns), turns, "turns must be positive and finite.");
        rng ??= RandomGenerator.Default;
        return Interleaved(2 * perClass, 2, noise, rng, (c, k) =>
        {
            double t = (k + 1.0) / perClass;
            double angle = 2 * Math.PI * turns * t + c * Math.PI;
            return (t * Math.Cos(angle), t * Math.Sin(angle));
        });
    }

    /// <summary>Two interleaving half circles: class 0 is (cos θ, sin θ), class 1 is
    /// (1 - cos θ, 0.5 - sin θ), θ evenly spaced over [0, π]; plus Gaussian noise.</summary>
    /// <param name="n">Total points (class 0 gets the extra one when odd).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise per coordinate.</param>
    /// <param name="rng">The random generator.</param>
    public static (float[] X, int[] Labels) Moons(int n, double noise, RandomGenerator? rng = null)
    {
        Positive(n, nameof(n));
        NonNegative(noise, nameof(noise));
        rng ??= RandomGenerator.Default;
        int[] counts = [(n + 1) / 2, n / 2];
        return Interleaved(n, 2, noise, rng, (c, k) =>
        {
            double angle = counts[c] > 1 ? Math.PI * k / (counts[c] - 1) : 0;
            return c == 0 ? (Math.Cos(angle), Math.Sin(angle)) : (1 - Math.Cos(angle), 0.5 - Math.Sin(angle));
        });
    }

    /// <summary>Noisy linear regression: X ~ N(0, 1) (N, F), true weights and bias ~ N(0, 1),
    /// targets y = X·w + b + noise·N(0, 1).</summary>
    /// <param name="n">Number of samples N.</param>
    /// <param name="features">Number of features F.</param>
    /// <param name="noise">Standard deviation of the target noise.</param>
    /// <param name="rng">The random generator.</param>
    /// <returns>X (N, F) row-major, targets (N), the true weights (F) and bias.</returns>
    public static (float[] X, float[] Targets, float[] Weights, float Bias) LinearRegression(int n, int features, double noise,
        RandomGenerator? rng = null)
    {
        Positive(n, nameof(n));
        Positive(features, nameof(features));
        NonNegative(noise, nameof(noise));
        rng ??= RandomGenerator.Default;
        var weights = new float[features];
        for (int j = 0; j < features; j++) weights[j] = (float)rng.NextGaussian();
        float bias = (float)rng.NextGaussian();
        var x = new float[checked(n * features)];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            double sum = bias;
            for (int j = 0; j < features; j++)
            {
                float v = (float)rng.NextGaussian();
                x[i * features + j] = v;
                sum += (double)v * weights[j];
            }
            y[i] = (float)(sum + noise * rng.NextGaussian());
        }
        return (x, y, weights, bias);
    }

    /// <summary>Samples of a 1-D function on [low, high] with Gaussian target noise, e.g.
    /// <c>FunctionSamples(Math.Sin, 200, -Math.PI, Math.PI, 0.0)</c>.</summary>
    /// <param name="f">The function to sample.</param>
    /// <param name="n">Number of samples N.</param>
    /// <param name="low">Lower end of the interval.</param>
    /// <param name="high">Upper end of the interval (must exceed low).</param>
    /// <param name="noise">Standard deviation of the noise added to f(x).</param>
    /// <param name="rng">The random generator.</param>
    /// <param name="evenlySpaced">True: x evenly spaced from low to high inclusive; false
    /// (default): x uniform in [low, high).</param>
    /// <returns>X (N, 1) and targets (N).</returns>
    public static (float[] X, float[] Targets) FunctionSamples(Func<double, double> f, int n, double low, double high, double noise,
        RandomGenerator? rng = null, bool evenlySpaced = false)
    {
        ArgumentNullException.ThrowIfNull(f);
        Positive(n, nameof(n));
        if (!double.IsFinite(low)) throw new ArgumentOutOfRangeException(nameof(low), low, "low must be finite.");
        if (!(high > low) || !double.IsFinite(high))
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high must be finite and greater than low ({low}).");
        NonNegative(noise, nameof(noise));
        rng ??= RandomGenerator.Default;
        var x = new float[n];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            double xi = evenlySpaced ? (n == 1 ? low : low + (high - low) * i / (n - 1)) : rng.NextDouble(low, high);
            x[i] = (float)xi;
            // Evaluate at the stored (float) input so that the target is exactly f of what the model sees.
            y[i] = (float)(f(x[i]) + noise * rng.NextGaussian());
        }
        return (x, y);
    }

    /// <summary>n points, row i of class c = i mod <paramref name="classes"/> and the k = i / classes-th
    /// of its class: <paramref name="point"/>(c, k) plus Gaussian noise on x, then on y.</summary>
    private static (float[] X, int[] Labels) Interleaved(int n, int classes, double noise, RandomGenerator rng,
        Func<int, int, (double X, double Y)> point)
    {
        var x = new float[2 * n];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = i % classes;
            var (px, py) = point(c, i / classes);
            x[2 * i] = (float)(px + noise * rng.NextGaussian());
            x[2 * i + 1] = (float)(py + noise * rng.NextGaussian());
            labels[i] = c;
        }
        return (x, labels);
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and non-negative.");
    }
}
