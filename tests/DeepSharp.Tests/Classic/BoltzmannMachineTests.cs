using DeepSharp.Classic;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Classic;

public class BoltzmannMachineTests
{
    // Two visible units and one hidden unit, every pair connected.
    private static BoltzmannMachine ThreeUnits(double w01 = 0.8, double w02 = -1.2, double w12 = 0.5, double b0 = 0.3, double b1 = -0.4, double b2 = 0.1) =>
        new(new double[,] { { 0, w01, w02 }, { w01, 0, w12 }, { w02, w12, 0 } }, [b0, b1, b2], visible: 2);

    private static readonly Tensor ThreeUnitData = Tensor.FromArray(new double[] { 1, 0, 1, 1, 0, 1, 1, 1 }, [4, 2]);

    [Fact]
    public void EnergyAndFreeStatisticsMatchAHandEnumeration()
    {
        var m = ThreeUnits();
        Assert.Equal(-(0.8 * 1 * 1) - (-1.2 * 1 * 0) - 0.3 - (-0.4), m.Energy([1, 1, 0]), 12);
        Assert.Equal(-(0.8 - 1.2 + 0.5) - (0.3 - 0.4 + 0.1), m.Energy([1, 1, 1]), 12);
        Assert.Equal(0.8 * 1 + -1.2 * 0 + 0.3, m.EnergyGap([0, 1, 0], 0), 12);

        // p(s) ∝ exp(−E(s)) over the 8 states, summed by hand.
        double z = 0, s0s2 = 0, s1 = 0;
        for (int code = 0; code < 8; code++)
        {
            double a = code & 1, b = (code >> 1) & 1, c = (code >> 2) & 1;
            double e = -(0.8 * a * b - 1.2 * a * c + 0.5 * b * c) - (0.3 * a - 0.4 * b + 0.1 * c);
            double p = Math.Exp(-e);
            z += p; s0s2 += p * a * c; s1 += p * b;
        }
        var free = BoltzmannLearning.ExactFree(m);
        Assert.Equal(s0s2 / z, free.Correlation(0, 2), 12);
        Assert.Equal(s0s2 / z, free.Correlation(2, 0), 12);
        Assert.Equal(s1 / z, free.Means[1], 12);
        Assert.Equal(s1 / z, free.Correlation(1, 1), 12);
    }

    [Fact]
    public void LearningRuleIsTheLogLikelihoodGradientOnAThreeUnitMachine()
    {
        var m = ThreeUnits();
        var (dw, db) = BoltzmannLearning.ExactClamped(m, ThreeUnitData).Minus(BoltzmannLearning.ExactFree(m));
        double[] p = [0.8, -1.2, 0.5, 0.3, -0.4, 0.1];
        const double h = 1e-5;
        for (int k = 0; k < 6; k++)
        {
            double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
            plus[k] += h; minus[k] -= h;
            double numeric = (BoltzmannLearning.LogLikelihood(ThreeUnits(plus[0], plus[1], plus[2], plus[3], plus[4], plus[5]), ThreeUnitData)
                - BoltzmannLearning.LogLikelihood(ThreeUnits(minus[0], minus[1], minus[2], minus[3], minus[4], minus[5]), ThreeUnitData)) / (2 * h);
            double rule = k switch { 0 => dw[0 * 3 + 1], 1 => dw[0 * 3 + 2], 2 => dw[1 * 3 + 2], _ => db[k - 3] };
            Assert.Equal(numeric, rule, 7);
        }
    }

    [Fact]
    public void SampledStatisticsApproachTheExactOnes()
    {
        var m = ThreeUnits();
        var rng = new RandomGenerator(7);
        var exactFree = BoltzmannLearning.ExactFree(m);
        var sampledFree = BoltzmannLearning.SampledFree(m, rng, 400, AnnealingSchedule.Constant(1, 5), 50);
        var exactClamped = BoltzmannLearning.ExactClamped(m, ThreeUnitData);
        var sampledClamped = BoltzmannLearning.SampledClamped(m, ThreeUnitData, rng, AnnealingSchedule.Constant(1, 5), 4000);
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(exactFree.Correlations[i], sampledFree.Correlations[i], 1.5e-2);
            Assert.Equal(exactClamped.Correlations[i], sampledClamped.Correlations[i], 1.5e-2);
        }
    }

    [Fact]
    public void AnnealingReachesThePlantedGlobalMinimumMoreOftenThanSettling()
    {
        // A frustrated 16-unit machine (random ±weights): many local minima; the global one by enumeration.
        var rng = new RandomGenerator(11);
        var m = new BoltzmannMachine(16, 0, rng, initStd: 1);
        double global = m.LowestEnergyState().Energy;
        int settled = 0, annealed = 0;
        var schedule = new AnnealingSchedule { StartTemperature = 4, EndTemperature = 0.05, Sweeps = 200 };
        for (int trial = 0; trial < 60; trial++)
        {
            var start = Enumerable.Range(0, 16).Select(_ => rng.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray();
            var a = (double[])start.Clone();
            m.Settle(a, rng);
            Assert.True(m.IsLocalMinimum(a));
            if (m.Energy(a) <= global + 1e-9) settled++;
            var b = (double[])start.Clone();
            m.Anneal(b, schedule, rng);
            m.Settle(b, rng);
            if (m.Energy(b) <= global + 1e-9) annealed++;
        }
        Assert.True(annealed > settled + 10, $"annealing found the global minimum {annealed}/60 times, settling {settled}/60");
        Assert.True(annealed >= 40, $"annealing found the global minimum only {annealed}/60 times");
    }

    private static readonly double[][] Patterns = [[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1], [1, 0, 1, 0, 1, 0]];

    private static Tensor PatternData() => Tensor.FromArray(Patterns.SelectMany(p => p).ToArray(), [3, 6]);

    [Theory]
    [InlineData(BoltzmannStatisticsMode.Exact)]
    [InlineData(BoltzmannStatisticsMode.Sampled)]
    public void LearnsThreePatternsAndCompletesThemFromHalf(BoltzmannStatisticsMode mode)
    {
        var rng = new RandomGenerator(5);
        var m = new BoltzmannMachine(6, 2, rng);
        double before = BoltzmannLearning.LogLikelihood(m, PatternData());
        var trace = BoltzmannLearning.Train(m, PatternData(), new BoltzmannTrainingOptions { Mode = mode, Epochs = 300, LearningRate = 0.5 }, rng);
        Assert.Equal(300, trace.Length);
        // Uniform over 64 visible vectors is log(1/64) = -4.16; the best possible is log(1/3) = -1.10.
        Assert.InRange(before, -4.5, -3.8);
        Assert.True(trace[^1] > (mode == BoltzmannStatisticsMode.Exact ? -1.3 : -1.8), $"log-likelihood after training {trace[^1]:F3}");
        int right = 0, total = 0;
        bool[] known = [true, true, true, false, false, false];
        var schedule = new AnnealingSchedule { StartTemperature = 3, EndTemperature = 0.05, Sweeps = 60 };
        foreach (double[] p in Patterns)
            for (int trial = 0; trial < 10; trial++)
            {
                var completed = BoltzmannLearning.Complete(m, p, known, schedule, rng);
                for (int i = 3; i < 6; i++, total++) if (completed[i] == p[i]) right++;
            }
        Assert.True(right >= 0.95 * total, $"completed {right}/{total} unknown bits");
    }

    [Fact]
    public void ScheduleCoolsGeometrically()
    {
        var s = new AnnealingSchedule { StartTemperature = 8, EndTemperature = 0.5, Sweeps = 5 };
        Assert.Equal(new[] { 8, 4, 2, 1, 0.5 }, Enumerable.Range(0, 5).Select(k => Math.Round(s.TemperatureAt(k), 12)));
        Assert.Equal(2, AnnealingSchedule.Constant(2, 3).TemperatureAt(2));
        Assert.Equal("Sweeps", Assert.Throws<ArgumentOutOfRangeException>(() => new AnnealingSchedule { Sweeps = 0 }).ParamName);
        Assert.Equal("StartTemperature", Assert.Throws<ArgumentOutOfRangeException>(() => new AnnealingSchedule { StartTemperature = 0 }).ParamName);
    }

    [Fact]
    public void BadInputsThrow()
    {
        Assert.Contains("symmetric", Assert.Throws<ArgumentException>(() => new BoltzmannMachine(new double[,] { { 0, 1 }, { 2, 0 } }, [0, 0], 1)).Message);
        Assert.Contains("self-connections", Assert.Throws<ArgumentException>(() => new BoltzmannMachine(new double[,] { { 1, 0 }, { 0, 0 } }, [0, 0], 1)).Message);
        var m = ThreeUnits();
        Assert.Contains("binary", Assert.Throws<ArgumentException>(() => m.Energy([0.5, 1, 0])).Message);
        Assert.Contains("3 units", Assert.Throws<ArgumentException>(() => m.Energy([1, 0])).Message);
        Assert.Contains("(N, 2)", Assert.Throws<ArgumentException>(() => BoltzmannLearning.ExactClamped(m, Tensor.Zeros(2, 3))).Message);
        Assert.Contains("binary data", Assert.Throws<ArgumentException>(() => BoltzmannLearning.ExactClamped(m, Tensor.Full([1, 2], 0.5))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BoltzmannLearning.ExactFree(new BoltzmannMachine(21, 0, new RandomGenerator(1))));
    }
}
