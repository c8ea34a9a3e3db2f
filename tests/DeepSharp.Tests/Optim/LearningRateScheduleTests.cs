using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Optim;

public class LearningRateScheduleTests
{
    private static double[] Rates(LearningRateSchedule s, int epochs, double baseRate = 1) =>
        Enumerable.Range(0, epochs).Select(t => s.GetLearningRate(t, baseRate)).ToArray();

    private static void Near(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 9);
    }

    [Fact]
    public void Constant() => Near([0.3, 0.3, 0.3], Rates(new ConstantSchedule(), 3, 0.3));

    [Fact]
    public void StepDecay() => Near([1, 1, 0.5, 0.5, 0.25, 0.25], Rates(new StepDecaySchedule(2, 0.5), 6));

    [Fact]
    public void Exponential() => Near([2, 1.8, 1.62, 1.458], Rates(new ExponentialSchedule(0.9), 4, 2));

    // η0 / (1 + k t) with k = 0.5: 1, 1/1.5, 1/2, 1/2.5
    [Fact]
    public void InverseTime() => Near([1, 2.0 / 3, 0.5, 0.4], Rates(new InverseTimeSchedule(0.5), 4));

    [Fact]
    public void Cosine()
    {
        // η_min + (1 - η_min)(1 + cos(π t / 4)) / 2 with η_min = 0.1: cos(π/4) = 0.70710678
        //   t=1: 0.1 + 0.9 * 0.85355339 = 0.86819805;  t=2: 0.55;  t=3: 0.1 + 0.9 * 0.14644661 = 0.23180195; then 0.1
        Near([1, 0.86819805, 0.55, 0.23180195, 0.1, 0.1], Rates(new CosineSchedule(4, 0.1), 6).Select(r => Math.Round(r, 8)).ToArray());
    }

    [Fact]
    public void ReduceOnPlateauDropsAfterPatienceAndRespectsMinimum()
    {
        var s = new ReduceOnPlateauSchedule(new ReduceOnPlateauOptions(factor: 0.5, patience: 1, minLearningRate: 0.2));
        double[] losses = [1.0, 0.8, 0.8, 0.8, 0.7, 0.75, 0.71, 0.70, 0.69, 0.69, 0.69, 0.69, 0.69];
        var rates = new List<double>();
        for (int t = 0; t < losses.Length; t++)
        {
            rates.Add(s.GetLearningRate(t, 1));
            s.Observe(t, losses[t]);
        }
        // Bad epochs: t=2 (1), t=3 (2 > patience 1: reduce, lr 0.5), t=4 improves, t=5,6 bad (reduce at 6, lr 0.25),
        // t=7 is bad (0.70 is not below 0.7 (1 - 1e-4)), t=8 improves (0.69),
        // t=9 bad 1, t=10 bad 2: reduce (0.125 clamped to 0.2), t=11, 12 bad: reduce again, still 0.2.
        Near([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.2, 0.2], [.. rates]);
        Assert.Equal(4, s.Reductions);
        Assert.Equal(0.69, s.Best);
    }

    [Fact]
    public void ReduceOnPlateauCooldownAndNaN()
    {
        var s = new ReduceOnPlateauSchedule(new ReduceOnPlateauOptions(factor: 0.5, patience: 0, cooldown: 2));
        s.Observe(0, 1);
        s.Observe(1, double.NaN);    // bad: reduce (patience 0), cooldown 2
        Assert.Equal(1, s.Reductions);
        s.Observe(2, 2);             // bad but in cooldown
        s.Observe(3, 2);             // bad but in cooldown
        Assert.Equal(1, s.Reductions);
        s.Observe(4, 2);             // bad: reduce
        Assert.Equal(2, s.Reductions);
        Assert.Equal(0.25, s.GetLearningRate(5, 1));
    }

    [Fact]
    public void ApplySetsEveryGroupFromItsInitialRate()
    {
        var a = Tensor.Zeros(1).RequireGrad();
        var b = Tensor.Zeros(1).RequireGrad();
        var sgd = new Sgd([new ParameterGroup([a]), new ParameterGroup([b], learningRate: 0.01)], new SgdOptions(0.1));
        var schedule = new StepDecaySchedule(1, 0.5);
        schedule.Apply(sgd, 2);
        Assert.Equal(0.025, sgd.Groups[0].LearningRate, 12);
        Assert.Equal(0.0025, sgd.Groups[1].LearningRate, 12);
        Assert.Equal(2, schedule.Epoch);
    }

    [Fact]
    public void StateRoundTrips()
    {
        var s = new ReduceOnPlateauSchedule(new ReduceOnPlateauOptions(factor: 0.5, patience: 1));
        foreach (var (t, loss) in new[] { (0, 1.0), (1, 2.0), (2, 2.0), (3, 0.5), (4, 0.6) }) s.Observe(t, loss);
        var state = s.GetState();
        var restored = new ReduceOnPlateauSchedule(new ReduceOnPlateauOptions(factor: 0.5, patience: 1));
        restored.SetState(state);
        Assert.Equal(s.Reductions, restored.Reductions);
        Assert.Equal(s.Best, restored.Best);
        s.Observe(5, 0.6);
        restored.Observe(5, 0.6);
        Assert.Equal(s.Reductions, restored.Reductions);
        Assert.Equal(2, s.Reductions);
        Assert.Throws<ArgumentException>(() => restored.SetState(new Dictionary<string, double> { ["epoch"] = 1 }));
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSchedule(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(0));
        Assert.Equal("Factor", Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateauOptions(factor: 1)).ParamName);
    }
}
