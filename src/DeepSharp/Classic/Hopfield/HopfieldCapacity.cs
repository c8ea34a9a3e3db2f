using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// The capacity experiment of the lectures: store p random patterns in N units, probe each with
/// a copy that has a fraction of its bits flipped, and count how often recall ends on the stored
/// pattern. With Hebb's rule recall collapses near p/N ≈ 0.138 (Amit, Gutfreund and Sompolinsky).
/// </summary>
public static class HopfieldCapacity
{
    /// <summary>Runs the experiment for each pattern count of <paramref name="options"/>.</summary>
    public static IReadOnlyList<HopfieldCapacityPoint> Measure(HopfieldCapacityOptions? options = null)
    {
        options ??= new HopfieldCapacityOptions();
        var rng = new RandomGenerator(options.Seed);
        var points = new List<HopfieldCapacityPoint>();
        foreach (int p in options.PatternCounts)
        {
            int probes = 0, recalled = 0, stable = 0;
            double overlap = 0;
            for (int trial = 0; trial < options.Trials; trial++)
            {
                var net = new HopfieldNetwork(options.Units, options.Rule);
                var patterns = new float[p][];
                for (int mu = 0; mu < p; mu++) patterns[mu] = HopfieldPatterns.Random(options.Units, rng);
                net.Store(patterns);
                for (int mu = 0; mu < Math.Min(p, options.ProbesPerNetwork); mu++)
                {
                    if (net.IsFixedPoint(patterns[mu])) stable++;
                    var probe = HopfieldPatterns.Corrupt(patterns[mu], options.NoiseFraction, rng);
                    var result = net.Recall(probe, options.MaxSweeps, HopfieldUpdateMode.Asynchronous, rng);
                    double m = HopfieldPatterns.Overlap(result.State, patterns[mu]);
                    overlap += m;
                    if (m == 1.0) recalled++;
                    probes++;
                }
            }
            points.Add(new HopfieldCapacityPoint(p, (double)p / options.Units, probes,
                (double)recalled / probes, overlap / probes, (double)stable / probes));
        }
        return points;
    }
}
