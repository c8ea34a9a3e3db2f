using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// Plain gradient descent θ ← θ − η ∇L_batch(θ) on the (slope, intercept) of a
/// <see cref="LinearRegressionProblem"/>, in its batch, mini-batch and stochastic forms, recording
/// the whole path (the lectures' pictures of a learning rate that is too small, right or too large,
/// and of the three variants on one landscape).
/// </summary>
public static class LinearRegressionDescent
{
    /// <summary>Loss above which a run counts as diverged and stops.</summary>
    public const double DivergenceLoss = 1e12;

    /// <summary>Runs <paramref name="epochs"/> epochs from (<paramref name="slope"/>, <paramref name="intercept"/>).</summary>
    /// <param name="problem">The points.</param>
    /// <param name="slope">Starting a.</param>
    /// <param name="intercept">Starting b.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="epochs">Passes over the data, 1..100,000.</param>
    /// <param name="variant">Batch, mini-batch or stochastic.</param>
    /// <param name="batchSize">Points per mini-batch (only for <see cref="GradientDescentVariant.MiniBatch"/>), 1..N.</param>
    /// <param name="rng">Shuffles the points each epoch (mini-batch and stochastic); unused for batch.</param>
    /// <param name="maxUpdates">Stops after this many updates at the latest (bounds the path's size).</param>
    public static DescentPath Run(LinearRegressionProblem problem, double slope, double intercept, double learningRate, int epochs,
        GradientDescentVariant variant = GradientDescentVariant.Batch, int batchSize = 16, RandomGenerator? rng = null, int maxUpdates = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!double.IsFinite(slope) || !double.IsFinite(intercept))
            throw new ArgumentOutOfRangeException(nameof(slope), "The starting slope and intercept must be finite.");
        Check.Positive(learningRate, nameof(learningRate));
        if (epochs is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"epochs must be in 1..100000, got {epochs}.");
        Check.Positive(maxUpdates, nameof(maxUpdates));
        int n = problem.Count;
        int size = variant switch
        {
            GradientDescentVariant.Batch => n,
            GradientDescentVariant.Stochastic => 1,
            GradientDescentVariant.MiniBatch => batchSize >= 1 && batchSize <= n ? batchSize
                : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be in 1..{n} (the number of points), got {batchSize}."),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown gradient-descent variant."),
        };
        rng ??= new RandomGenerator(0);
        int perEpoch = (n + size - 1) / size;
        var order = Enumerable.Range(0, n).ToArray();
        var a = new List<double> { slope };
        var b = new List<double> { intercept };
        var loss = new List<double> { problem.Loss(slope, intercept) };
        var epoch = new List<double> { 0 };
        bool diverged = false;
        for (int e = 0; e < epochs && !diverged && a.Count <= maxUpdates; e++)
        {
            if (variant != GradientDescentVariant.Batch) rng.Shuffle(order.AsSpan());
            for (int k = 0; k < perEpoch && a.Count <= maxUpdates; k++)
            {
                int start = k * size, count = Math.Min(size, n - start);
                var (ga, gb) = variant == GradientDescentVariant.Batch ? problem.Gradient(slope, intercept)
                    : problem.Gradient(slope, intercept, order.AsSpan(start, count));
                slope -= learningRate * ga;
                intercept -= learningRate * gb;
                double l = problem.Loss(slope, intercept);
                a.Add(slope); b.Add(intercept); loss.Add(l); epoch.Add(e + (k + 1.0) / perEpoch);
                if (!(l <= DivergenceLoss)) { diverged = true; break; }
            }
        }
        return new DescentPath(a.ToArray(), b.ToArray(), loss.ToArray(), epoch.ToArray(), diverged);
    }
}
