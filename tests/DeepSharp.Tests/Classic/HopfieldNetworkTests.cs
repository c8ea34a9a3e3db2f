using DeepSharp.Classic;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Classic;

public class HopfieldNetworkTests
{
    private static float[][] RandomPatterns(int count, int units, RandomGenerator rng) =>
        Enumerable.Range(0, count).Select(_ => HopfieldPatterns.Random(units, rng)).ToArray();

    [Fact]
    public void HebbianWeightsAndEnergyMatchHandComputation()
    {
        var net = new HopfieldNetwork(3);
        net.Store([1f, -1f, 1f], [1f, 1f, -1f]);
        // w_ij = (1/3) Σ_μ ξ_i ξ_j: w_01 = (-1 + 1)/3 = 0, w_02 = (1 - 1)/3 = 0, w_12 = (-1 - 1)/3 = -2/3; w_ii = 0.
        Assert.Equal(0, net.Weight(0, 1), 12);
        Assert.Equal(0, net.Weight(0, 2), 12);
        Assert.Equal(-2.0 / 3, net.Weight(1, 2), 12);
        Assert.Equal(-2.0 / 3, net.Weight(2, 1), 12);
        Assert.Equal(0, net.Weight(1, 1));
        // E(1, 1, 1) = -½ Σ_ij w_ij s_i s_j = -(w_01 + w_02 + w_12) = 2/3; E(ξ¹) = -(-2/3)(-1)(1) = -2/3.
        Assert.Equal(2.0 / 3, net.Energy([1f, 1f, 1f]), 12);
        Assert.Equal(-2.0 / 3, net.Energy([1f, -1f, 1f]), 12);
    }

    [Theory]
    [InlineData(HopfieldLearningRule.Hebbian)]
    [InlineData(HopfieldLearningRule.PseudoInverse)]
    public void StoredPatternsAreFixedPoints(HopfieldLearningRule rule)
    {
        var rng = new RandomGenerator(1);
        var patterns = RandomPatterns(3, 100, rng);
        var net = new HopfieldNetwork(100, rule);
        net.Store(patterns);
        foreach (var p in patterns)
        {
            Assert.True(net.IsFixedPoint(p));
            var r = net.Recall(p, 10, HopfieldUpdateMode.Asynchronous, rng);
            Assert.True(r.Converged);
            Assert.Equal(1, r.Sweeps);
            Assert.Equal(p, r.State);
            var s = net.Recall(p, 10, HopfieldUpdateMode.Synchronous);
            Assert.Equal((true, 1), (s.Converged, s.Sweeps));
        }
    }

    [Fact]
    public void EnergyNeverIncreasesUnderAsynchronousUpdates()
    {
        var rng = new RandomGenerator(2);
        foreach (var rule in new[] { HopfieldLearningRule.Hebbian, HopfieldLearningRule.PseudoInverse })
        {
            var net = new HopfieldNetwork(60, rule);
            net.Store(RandomPatterns(8, 60, rng));
            for (int start = 0; start < 5; start++)
            {
                var state = HopfieldPatterns.Random(60, rng);
                double energy = net.Energy(state);
                int flips = 0;
                for (int step = 0; step < 60 * 20; step++)
                {
                    int unit = rng.NextInt(60);
                    double h = net.LocalField(state, unit);
                    bool flipped = net.UpdateUnit(state, unit);
                    double next = net.Energy(state);
                    Assert.True(next <= energy + 1e-9, $"{rule}: energy rose from {energy} to {next} at step {step}");
                    // A flip of unit i lowers E by exactly 2|h_i|; no flip leaves it unchanged.
                    Assert.Equal(flipped ? energy - 2 * Math.Abs(h) : energy, next, 9);
                    if (flipped) flips++;
                    energy = next;
                }
                Assert.True(flips > 0);
                Assert.True(net.IsFixedPoint(state));
            }
        }
    }

    [Fact]
    public void RecallsThreePatternsFromTenPercentFlippedBits()
    {
        var rng = new RandomGenerator(3);
        var patterns = RandomPatterns(3, 100, rng);
        var net = new HopfieldNetwork(100);
        net.Store(patterns);
        foreach (var p in patterns)
        {
            for (int trial = 0; trial < 5; trial++)
            {
                var probe = HopfieldPatterns.Corrupt(p, 0.1, rng);
                Assert.Equal(10, HopfieldPatterns.HammingDistance(p, probe));
                var r = net.Recall(probe, 20, HopfieldUpdateMode.Asynchronous, rng);
                Assert.True(r.Converged);
                Assert.Equal(p, r.State);
                Assert.Equal(1.0, HopfieldPatterns.Overlap(p, r.State));
                Assert.True(net.Energy(r.State) < net.Energy(probe));
                Assert.Equal(p, net.Recall(probe, 20, HopfieldUpdateMode.Synchronous).State);
            }
        }
    }

    [Fact]
    public void PseudoInverseStoresWhatHebbFails()
    {
        // 20 patterns in 50 units (load 0.4, far above Hebb's 0.138): Hebb loses some, the projection rule keeps all.
        var rng = new RandomGenerator(4);
        var patterns = RandomPatterns(20, 50, rng);
        var hebb = new HopfieldNetwork(50);
        var projection = new HopfieldNetwork(50, HopfieldLearningRule.PseudoInverse);
        hebb.Store(patterns);
        projection.Store(patterns);
        Assert.All(patterns, p => Assert.True(projection.IsFixedPoint(p)));
        Assert.Contains(patterns, p => !hebb.IsFixedPoint(p));
        var w = projection.Weights.ToArray<double>();
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(0, w[i * 50 + i]);
            for (int j = 0; j < 50; j++) Assert.Equal(w[i * 50 + j], w[j * 50 + i]);
        }
    }

    [Fact]
    public void SynchronousUpdatesCanCycleWhereAsynchronousOnesSettle()
    {
        var net = new HopfieldNetwork(2);
        net.Store([1f, -1f]); // w_01 = -1/2
        // From (1, 1) both units see h = -1/2 and flip together: (1, 1) -> (-1, -1) -> (1, 1) ...
        var sync = net.Recall([1f, 1f], 10, HopfieldUpdateMode.Synchronous);
        Assert.False(sync.Converged);
        Assert.Equal(10, sync.Sweeps);
        Assert.Equal(new[] { 1f, 1f }, sync.State);
        var async = net.Recall([1f, 1f], 10, HopfieldUpdateMode.Asynchronous, new RandomGenerator(0));
        Assert.True(async.Converged);
        Assert.Equal(0.0, HopfieldPatterns.Overlap(async.State, [1f, 1f]));
    }

    [Fact]
    public void CapacityCollapsesWithLoad()
    {
        var points = HopfieldCapacity.Measure(new HopfieldCapacityOptions
        {
            Units = 100, PatternCounts = [5, 40], Trials = 2, ProbesPerNetwork = 5, Seed = 7,
        });
        Assert.Equal(2, points.Count);
        Assert.Equal(0.05, points[0].Load, 12);
        Assert.Equal(10, points[0].Probes);
        Assert.Equal(1.0, points[0].RecalledFraction);
        Assert.Equal(1.0, points[0].StableFraction);
        Assert.True(points[1].RecalledFraction < 0.5, points[1].ToString());
        Assert.True(points[1].MeanOverlap < points[0].MeanOverlap);
    }

    [Fact]
    public void InvalidInputsThrow()
    {
        var net = new HopfieldNetwork(3, HopfieldLearningRule.PseudoInverse);
        Assert.Throws<ArgumentException>(() => net.Store([1f, 0f, 1f]));
        Assert.Throws<ArgumentException>(() => net.Energy([1f, 1f]));
        net.Store([1f, -1f, 1f]);
        Assert.Throws<InvalidOperationException>(() => net.Store([-1f, 1f, -1f]));
        Assert.Equal("Units", Assert.Throws<ArgumentOutOfRangeException>(() => new HopfieldCapacityOptions { Units = 0 }).ParamName);
        Assert.Equal("NoiseFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new HopfieldCapacityOptions { NoiseFraction = 1.5 }).ParamName);
        Assert.Equal("PatternCounts", Assert.Throws<ArgumentOutOfRangeException>(() => new HopfieldCapacityOptions { PatternCounts = [3, 0] }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Recall([1f, 1f, 1f], 0));
    }
}
