namespace DeepSharp.Tests.Cli;

public class CliPerceptronTests
{
    [Fact]
    public void PerceptronRuleConvergesOnSeparableCloudsAndStopsAtTheFirstEpochWithoutMistakes()
    {
        var result = CliRunner.Run("train", "--model", "perceptron", "--dataset", "gaussians", "--noise", "0.4",
            "--epochs", "50", "--json", "--out", CliRunner.TempDirectory());
        Assert.Equal(0, result.ExitCode);
        var lines = result.JsonLines();
        var epochs = lines.Where(l => l.TryGetProperty("epoch", out _)).ToList();
        Assert.InRange(epochs.Count, 1, 49);
        Assert.Equal(1.0, epochs[^1].GetProperty("trainAccuracy").GetDouble());
        Assert.All(epochs.Take(epochs.Count - 1), e => Assert.True(e.GetProperty("trainAccuracy").GetDouble() < 1.0));
    }

    [Fact]
    public void PerceptronRuleNeverConvergesOnXor()
    {
        var result = CliRunner.Run("train", "--model", "perceptron", "--dataset", "xor", "--epochs", "10", "--json", "--out", CliRunner.TempDirectory());
        Assert.Equal(0, result.ExitCode);
        var epochs = result.JsonLines().Where(l => l.TryGetProperty("epoch", out _)).ToList();
        Assert.Equal(10, epochs.Count);
        Assert.All(epochs, e => Assert.True(e.GetProperty("trainAccuracy").GetDouble() < 0.8));
    }
}
