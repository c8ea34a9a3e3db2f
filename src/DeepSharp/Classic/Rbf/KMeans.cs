using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>Lloyd's k-means with k-means++ seeding, on the host in double precision (the centres of an RBF network).</summary>
public static class KMeans
{
    /// <summary>K centres of the rows of <paramref name="points"/> (N, D) row-major: k-means++ seeds, then
    /// up to <paramref name="iterations"/> rounds of assign-to-nearest / move-to-mean (stops when no
    /// assignment changes). An emptied cluster is re-seeded at the point farthest from its centre.</summary>
    /// <returns>The centres (K, D) row-major.</returns>
    public static double[] Fit(ReadOnlySpan<double> points, int count, int dimensions, int clusters, RandomGenerator rng, int iterations = 100)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Check.Positive(count, nameof(count));
        Check.Positive(dimensions, nameof(dimensions));
        Check.Positive(iterations, nameof(iterations));
        if ((long)count * dimensions != points.Length)
            throw new ArgumentException($"Expected {count} points of {dimensions} values ({(long)count * dimensions}), got {points.Length}.", nameof(points));
        if (clusters < 1 || clusters > count)
            throw new ArgumentOutOfRangeException(nameof(clusters), clusters, $"clusters must be in 1..{count} (the number of points), got {clusters}.");
        var x = points.ToArray();
        var centres = new double[clusters * dimensions];
        var nearest = new double[count];
        // k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest chosen.
        int first = rng.NextInt(count);
        Array.Copy(x, first * dimensions, centres, 0, dimensions);
        for (int i = 0; i < count; i++) nearest[i] = Distance2(x, i, centres, 0, dimensions);
        for (int k = 1; k < clusters; k++)
        {
            double total = nearest.Sum(), pick = rng.NextDouble() * total;
            int chosen = count - 1;
            for (int i = 0; i < count; i++) { pick -= nearest[i]; if (pick < 0) { chosen = i; break; } }
            if (total == 0) chosen = rng.NextInt(count);
            Array.Copy(x, chosen * dimensions, centres, k * dimensions, dimensions);
            for (int i = 0; i < count; i++) nearest[i] = Math.Min(nearest[i], Distance2(x, i, centres, k, dimensions));
        }
        var assignment = Enumerable.Repeat(-1, count).ToArray();
        var sums = new double[clusters * dimensions];
        var sizes = new int[clusters];
        for (int round = 0; round < iterations; round++)
        {
            bool changed = false;
            for (int i = 0; i < count; i++)
            {
                int best = 0;
                double bestDistance = double.MaxValue;
                for (int k = 0; k < clusters; k++)
                {
                    double d = Distance2(x, i, centres, k, dimensions);
                    if (d < bestDistance) { bestDistance = d; best = k; }
                }
                nearest[i] = bestDistance;
                if (assignment[i] != best) { assignment[i] = best; changed = true; }
            }
            if (!changed && round > 0) break;
            Array.Clear(sums);
            Array.Clear(sizes);
            for (int i = 0; i < count; i++)
            {
                sizes[assignment[i]]++;
                for (int d = 0; d < dimensions; d++) sums[assignment[i] * dimensions + d] += x[i * dimensions + d];
            }
            for (int k = 0; k < clusters; k++)
            {
                if (sizes[k] == 0)
                {
                    int far = Array.IndexOf(nearest, nearest.Max());
                    Array.Copy(x, far * dimensions, centres, k * dimensions, dimensions);
                    nearest[far] = 0;
                    continue;
                }
                for (int d = 0; d < dimensions; d++) centres[k * dimensions + d] = sums[k * dimensions + d] / sizes[k];
            }
        }
        return centres;
    }

    /// <summary>Squared Euclidean distance between point <paramref name="i"/> of <paramref name="x"/> and centre <paramref name="k"/>.</summary>
    internal static double Distance2(double[] x, int i, double[] centres, int k, int dimensions)
    {
        double sum = 0;
        for (int d = 0; d < dimensions; d++) { double diff = x[i * dimensions + d] - centres[k * dimensions + d]; sum += diff * diff; }
        return sum;
    }
}
