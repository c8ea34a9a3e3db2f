namespace DeepSharp.Tests.Cli;

/// <summary><c>bench infer</c> and <c>bench recurrent</c>: the DeepSharp side of bench/compare.sh.</summary>
public sealed class CliBenchInferRecurrentTests
{
    [Theory]
    [InlineData("mlp")]
    [InlineData("lenet5")]
    public void BenchInferPrintsOneLinePerBatchSize(string model)
    {
        var result = CliRunner.Run("bench", "infer", "--model", model, "--batch", "1,3", "--seconds", "0.01", "--json");
        Assert.Equal(0, result.ExitCode);
        var lines = result.JsonLines();
        Assert.Equal([1, 3], lines.Select(l => l.GetProperty("batch").GetInt32()));
        foreach (var line in lines)
        {
            Assert.Equal("infer", line.GetProperty("work").GetString());
            Assert.Equal(model, line.GetProperty("model").GetString());
            Assert.True(line.GetProperty("bestMs").GetDouble() > 0);
            Assert.True(line.GetProperty("calls").GetInt32() >= 50);
            Assert.True(line.GetProperty("bytesPerCall").GetDouble() >= 0);
        }
    }

    [Fact]
    public void BenchRecurrentTimesTheLayer()
    {
        var result = CliRunner.Run("bench", "recurrent", "--cell", "rnn", "--seconds", "0.01", "--json");
        Assert.Equal(0, result.ExitCode);
        var line = result.JsonLines().Single();
        Assert.Equal("rnn", line.GetProperty("cell").GetString());
        Assert.True(line.GetProperty("forwardBackwardMs").GetDouble() > line.GetProperty("forwardMs").GetDouble() * 0.5);
        Assert.True(line.GetProperty("bytesPerForwardBackward").GetDouble() > 0);
    }

    [Fact]
    public void BadBenchOptionsAreUsageErrors()
    {
        CliRunner.AssertUsageError(CliRunner.Run("bench", "infer", "--model", "vgg"), "expected mlp or lenet5, found 'vgg'");
        CliRunner.AssertUsageError(CliRunner.Run("bench", "infer", "--batch", "1,x"), "expected batch sizes from 1 to 100000");
        CliRunner.AssertUsageError(CliRunner.Run("bench", "recurrent", "--cell", "tcn"), "expected lstm, gru or rnn, found 'tcn'");
    }
}
