using DeepSharp.Bench;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;

namespace DeepSharp.Tests.Cli;

public sealed class FmaPeakTests
{
    [Fact]
    public void MeasuresAPositivePeakAndValidatesItsArguments()
    {
        Assert.Contains(FmaPeak.VectorBits, new[] { 128, 256, 512 });
        double peak = FmaPeak.Measure(1, 0.02);
        Assert.True(peak > 0.1 && double.IsFinite(peak), $"peak {peak}");
        Assert.Throws<ArgumentOutOfRangeException>(() => FmaPeak.Measure(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FmaPeak.Measure(1, 0));
    }
}
