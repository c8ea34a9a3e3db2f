using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>Helpers for ±1 patterns: random patterns, noisy copies and overlaps.</summary>
public static class HopfieldPatterns
{
    /// <summary>A pattern of <paramref name="units"/> independent ±1 values, each +1 with probability ½.</summary>
    public static float[] Random(int units, RandomGenerator rng)
    {
        Check.Positive(units, nameof(units));
        ArgumentNullException.ThrowIfNull(rng);
        var p = new float[units];
        for (int i = 0; i < units; i++) p[i] = rng.NextDouble() < 0.5 ? -1f : 1f;
        return p;
    }

    /// <summary>A copy of <paramref name="pattern"/> with exactly round(<paramref name="fraction"/> · N)
    /// distinct units, chosen at random, flipped.</summary>
    public static float[] Corrupt(ReadOnlySpan<float> pattern, double fraction, RandomGenerator rng)
    {
        Check.Probability(fraction, nameof(fraction));
        ArgumentNullException.ThrowIfNull(rng);
        var result = pattern.ToArray();
        int flips = (int)Math.Round(fraction * result.Length, MidpointRounding.AwayFromZero);
        var order = rng.Permutation(result.Length);
        for (int k = 0; k < flips; k++) result[order[k]] = -result[order[k]];
        return result;
    }

    /// <summary>The overlap m = (1/N) Σ_i a_i b_i: 1 for equal patterns, −1 for opposite ones.</summary>
    public static double Overlap(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
            throw new ArgumentException($"Overlap: expected two non-empty patterns of equal length, got {a.Length} and {b.Length}.");
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum / a.Length;
    }

    /// <summary>The number of units where <paramref name="a"/> and <paramref name="b"/> differ.</summary>
    public static int HammingDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"HammingDistance: expected patterns of equal length, got {a.Length} and {b.Length}.");
        int d = 0;
        for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) d++;
        return d;
    }
}
