namespace DeepSharp.Classic;

/// <summary>
/// Expectations of a <see cref="BoltzmannMachine"/>'s units under some distribution (free running,
/// or with the visible units clamped to data): the pair correlations ⟨s_i s_j⟩ (n, n) row-major
/// and the means ⟨s_i⟩ (n).
/// </summary>
/// <param name="Correlations">⟨s_i s_j⟩, n·n values (the diagonal holds ⟨s_i⟩, since s_i² = s_i).</param>
/// <param name="Means">⟨s_i⟩, n values.</param>
public sealed record BoltzmannStatistics(double[] Correlations, double[] Means)
{
    /// <summary>⟨s_i s_j⟩.</summary>
    public double Correlation(int i, int j) => Correlations[i * Means.Length + j];

    /// <summary>The learning rule's step: this (clamped) minus <paramref name="free"/>, for weights and biases.</summary>
    public (double[] Weights, double[] Biases) Minus(BoltzmannStatistics free)
    {
        ArgumentNullException.ThrowIfNull(free);
        if (free.Means.Length != Means.Length) throw new ArgumentException($"Expected statistics of {Means.Length} units, got {free.Means.Length}.", nameof(free));
        return (Correlations.Zip(free.Correlations, (a, b) => a - b).ToArray(), Means.Zip(free.Means, (a, b) => a - b).ToArray());
    }

    internal static BoltzmannStatistics Accumulator(int n) => new(new double[n * n], new double[n]);

    internal void Add(ReadOnlySpan<double> state, double weight)
    {
        int n = Means.Length;
        for (int i = 0; i < n; i++)
        {
            if (state[i] == 0) continue;
            Means[i] += weight;
            for (int j = 0; j < n; j++) Correlations[i * n + j] += weight * state[j];
        }
    }

    internal void Scale(double factor)
    {
        for (int i = 0; i < Correlations.Length; i++) Correlations[i] *= factor;
        for (int i = 0; i < Means.Length; i++) Means[i] *= factor;
    }
}
