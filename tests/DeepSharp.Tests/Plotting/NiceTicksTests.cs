using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class NiceTicksTests
{
    [Theory]
    [InlineData(1.4, true, 1)]
    [InlineData(1.5, true, 2)]
    [InlineData(2.9, true, 2)]
    [InlineData(3.0, true, 5)]
    [InlineData(6.9, true, 5)]
    [InlineData(7.0, true, 10)]
    [InlineData(1.0, false, 1)]
    [InlineData(1.01, false, 2)]
    [InlineData(2.0, false, 2)]
    [InlineData(4.0, false, 5)]
    [InlineData(5.5, false, 10)]
    [InlineData(0.034, false, 0.05)]
    [InlineData(340, true, 500)]
    public void NiceNumberPicksOneTwoOrFiveTimesAPowerOfTen(double x, bool round, double expected)
        => Assert.Equal(expected, NiceTicks.NiceNumber(x, round), 12);

    // Worked by hand: step = nice((max - min) / (maxTicks - 1)), then the range widened to whole steps.
    [Theory]
    [InlineData(0, 1, 5, 0, 1, 0.2)]          // 0.25 -> 2.5 rounds to 2 -> 0.2
    [InlineData(0.13, 0.87, 5, 0, 1, 0.2)]    // 0.185 -> 2 -> 0.2; floor(0.65) = 0, ceil(4.35) = 5
    [InlineData(-3.7, 12.2, 6, -5, 15, 5)]    // 3.18 -> 5
    [InlineData(1, 40, 6, 0, 40, 10)]         // 7.8 -> 10
    [InlineData(0.0012, 0.0093, 5, 0, 0.01, 0.002)]
    [InlineData(0.06, 2.2, 6, 0, 2.5, 0.5)]   // 0.428 -> 5 -> 0.5
    [InlineData(-250, -20, 4, -300, 0, 100)]  // 76.7 -> 10 -> 100
    public void LooseTicksOnHandWorkedRanges(double min, double max, int maxTicks, double lo, double hi, double step)
    {
        TickSet t = NiceTicks.Loose(min, max, maxTicks);
        Assert.Equal(lo, t.Min, 12);
        Assert.Equal(hi, t.Max, 12);
        Assert.Equal(step, t.Step, 12);
        int expectedCount = (int)Math.Round((hi - lo) / step) + 1;
        Assert.Equal(expectedCount, t.Values.Count);
        for (int i = 0; i < t.Values.Count; i++) Assert.Equal(lo + i * step, t.Values[i], 12);
    }

    [Fact]
    public void TickValuesAreExactDecimals()
    {
        TickSet t = NiceTicks.Loose(0, 0.7, 8);
        Assert.Equal([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], t.Values);
        Assert.Equal(["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"], t.Labels);
    }

    [Fact]
    public void WithinKeepsTheRangeAndTicksInsideIt()
    {
        TickSet t = NiceTicks.Within(0.13, 0.87, 5);
        Assert.Equal(0.13, t.Min);
        Assert.Equal(0.87, t.Max);
        Assert.Equal([0.2, 0.4, 0.6, 0.8], t.Values);
        // A range a coarse step would leave empty still gets two ticks.
        TickSet narrow = NiceTicks.Within(0.11, 0.19, 2);
        Assert.True(narrow.Values.Count >= 2);
        Assert.All(narrow.Values, v => Assert.InRange(v, 0.11, 0.19));
    }

    [Fact]
    public void MinimumStepKeepsEpochTicksWhole()
    {
        TickSet t = NiceTicks.Loose(1, 3, 6, minStep: 1);
        Assert.Equal(1, t.Step);
        Assert.Equal([1, 2, 3], t.Values);
        Assert.Equal(["1", "2", "3"], t.Labels);
    }

    [Fact]
    public void SingleValueGetsAnAxisAroundIt()
    {
        TickSet t = NiceTicks.Loose(5, 5);
        Assert.True(t.Min < 5 && t.Max > 5);
        Assert.Contains(5.0, t.Values);
        TickSet zero = NiceTicks.Loose(0, 0);
        Assert.Equal(-1, zero.Min);
        Assert.Equal(1, zero.Max);
    }

    [Fact]
    public void FormatsWithoutNegativeZeroAndUsesExponentsForExtremes()
    {
        TickSet t = NiceTicks.Loose(-1, 1, 5);
        Assert.Equal("0.0", t.Format(-1e-17));
        Assert.Equal("-0.5", t.Format(-0.5));
        Assert.Equal("2E+6", NiceTicks.Loose(0, 1e7, 6).Format(2e6));
        Assert.Equal("5E-5", NiceTicks.Loose(0, 0.0002, 5).Format(0.00005));
    }

    [Fact]
    public void RejectsInvalidRanges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Loose(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Loose(0, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Loose(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Loose(0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.NiceNumber(0, true));
    }
}
