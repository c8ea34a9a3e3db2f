using DeepSharp.Cli;

namespace DeepSharp.Tests.Cli;

/// <summary>Argument parsing and error exits of every command: exit code 2, one line on stderr saying what was wrong and what is accepted.</summary>
public sealed class CliParsingTests
{
    [Fact]
    public void HelpListsEveryCommandAndExitsZero()
    {
        var result = CliRunner.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string command in new[] { "train", "evaluate", "predict", "summary", "plot", "bench" })
            Assert.Contains($"  {command} ", result.Out);
        Assert.Equal(0, CliRunner.Run().ExitCode);
        Assert.StartsWith("deepsharp ", CliRunner.Run("--version").Out);
    }

    [Theory]
    [InlineData("train", "--early-stopping")]
    [InlineData("train", "--resume FILE")]
    [InlineData("train", "--epochs is then the total")]
    [InlineData("evaluate", "--checkpoint")]
    [InlineData("predict", "--input")]
    [InlineData("summary", "--input-shape")]
    [InlineData("plot", "--decision-boundaries")]
    public void CommandHelpListsItsOptions(string command, string option)
    {
        var result = CliRunner.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void BenchHelpListsSubcommandsAndEachHasItsOwnHelp()
    {
        var group = CliRunner.Run("bench", "--help");
        Assert.Equal(0, group.ExitCode);
        Assert.Contains("bench gemm", group.Out);
        Assert.Contains("bench train", group.Out);
        var gemm = CliRunner.Run("bench", "gemm", "--help");
        Assert.Equal(0, gemm.ExitCode);
        Assert.Contains("--peak", gemm.Out);
    }

    [Fact]
    public void UnknownCommand() =>
        CliRunner.AssertUsageError(CliRunner.Run("trian"), "unknown command 'trian'", "train, evaluate, predict, summary, export, plot, bench, lab, dashboard, info");

    [Theory]
    [InlineData("train")]
    [InlineData("evaluate")]
    [InlineData("predict")]
    [InlineData("summary")]
    [InlineData("plot")]
    public void UnknownOptionListsTheAcceptedOnes(string command) =>
        CliRunner.AssertUsageError(CliRunner.Run(command, "--frobnicate", "1"), $"'{command}': unknown option '--frobnicate'", "accepted: --");

    [Fact]
    public void BenchNeedsAKnownSubcommand()
    {
        CliRunner.AssertUsageError(CliRunner.Run("bench"), "'bench' needs a sub-command", "gemm, train, infer, recurrent");
        CliRunner.AssertUsageError(CliRunner.Run("bench", "gpu"), "unknown 'bench' sub-command 'gpu'");
        CliRunner.AssertUsageError(CliRunner.Run("bench", "gemm", "--sise", "4"), "'bench gemm': unknown option '--sise'");
        CliRunner.AssertUsageError(CliRunner.Run("bench", "gemm", "--size", "0"), "'--size' must be between 1 and 16384, got 0");
    }

    [Theory]
    [InlineData(new[] { "train", "--epochs" }, "option '--epochs' needs a value")]
    [InlineData(new[] { "train", "--epochs", "many" }, "option '--epochs' expects an integer, got 'many'")]
    [InlineData(new[] { "train", "--epochs", "0" }, "option '--epochs' must be between 1 and")]
    [InlineData(new[] { "train", "--lr", "fast" }, "option '--lr' expects a number, got 'fast'")]
    [InlineData(new[] { "train", "--hidden", "64,x" }, "'--hidden' expects positive integers separated by commas")]
    [InlineData(new[] { "train", "--optimizer", "lbfgs" }, "'--optimizer' got 'lbfgs'; accepted: sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad")]
    [InlineData(new[] { "train", "--loss", "hinge" }, "'--loss' got 'hinge'; accepted: cross-entropy, mse, l1")]
    [InlineData(new[] { "train", "--schedule", "triangle" }, "unknown --schedule 'triangle'; accepted: constant, step")]
    [InlineData(new[] { "train", "--schedule", "step:x" }, "'x' is not a number")]
    [InlineData(new[] { "train", "--json", "--quiet" }, "choose one of --json and --quiet")]
    [InlineData(new[] { "train", "--epochs", "2", "--epochs", "3" }, "option '--epochs' is given twice")]
    [InlineData(new[] { "train", "--quiet=yes" }, "option '--quiet' takes no value")]
    [InlineData(new[] { "train", "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "train", "--dataset", "mnist-digits" }, "Unknown dataset 'mnist-digits'; accepted: spirals, circles, xor, gaussians, moons, fashion-mnist, mnist-dir:<folder>, csv:<file>")]
    [InlineData(new[] { "train", "--augment", "flip" }, "'--augment' needs image samples (C, H, W), but the training samples have shape 2")]
    [InlineData(new[] { "train", "--model", "vgg" }, "unknown model 'vgg'; accepted: mlp, perceptron, lenet5, resnet")]
    [InlineData(new[] { "train", "--model", "resnet" }, "model 'resnet' needs images (C, H, W) but dataset 'spirals' has samples of shape 2")]
    [InlineData(new[] { "summary", "--model", "resnet", "--blocks", "1,1,1,1,1,1,1" }, "'--blocks' needs 1 to 6 stages of 1 to 64 blocks, got 1,1,1,1,1,1,1")]
    [InlineData(new[] { "summary", "--model", "resnet", "--width", "0" }, "'--width' must be in [1, 1024], got 0")]
    [InlineData(new[] { "train", "--activation", "relu7" }, "unknown activation 'relu7'; accepted: relu, leakyrelu")]
    [InlineData(new[] { "train", "--model", "lenet5" }, "model 'lenet5' expects inputs of shape 1x28x28 but dataset 'spirals' has 2 features")]
    [InlineData(new[] { "train", "--model", "perceptron", "--hidden", "4" }, "a perceptron has no hidden layer")]
    [InlineData(new[] { "train", "--optimizer", "momentum", "--momentum", "0" }, "needs --momentum above 0")]
    [InlineData(new[] { "train", "--dataset", "csv:/nonexistent/data.csv" }, "CSV file '/nonexistent/data.csv' does not exist")]
    [InlineData(new[] { "train", "--dataset", "mnist-dir:/nonexistent" }, "Dataset folder '/nonexistent' does not exist")]
    [InlineData(new[] { "train", "--model", "/nonexistent/net.json" }, "model description '/nonexistent/net.json' does not exist")]
    [InlineData(new[] { "evaluate" }, "'evaluate': give --checkpoint <file>")]
    [InlineData(new[] { "evaluate", "--checkpoint", "/nonexistent/checkpoint.safetensors" }, "checkpoint '/nonexistent/checkpoint.safetensors' does not exist")]
    [InlineData(new[] { "predict", "--checkpoint", "/nonexistent/checkpoint.safetensors" }, "checkpoint '/nonexistent/checkpoint.safetensors' does not exist")]
    [InlineData(new[] { "summary", "--dataset", "xor", "--classes", "3" }, "give either --dataset or --input-shape/--classes")]
    [InlineData(new[] { "summary", "--model", "mlp", "--input-shape", "0" }, "'--input-shape' expects positive integers")]
    [InlineData(new[] { "plot" }, "give one of --history <csv> or --decision-boundaries <list>")]
    [InlineData(new[] { "plot", "--history", "/nonexistent/history.csv" }, "history file '/nonexistent/history.csv' does not exist")]
    [InlineData(new[] { "plot", "--history", "h.csv", "--epochs", "3" }, "--epochs applies to --decision-boundaries")]
    [InlineData(new[] { "plot", "--decision-boundaries", "1,3", "--dataset", "csv:x.csv" }, "CSV file 'x.csv' does not exist")]
    public void BadRequestsExitWithCode2AndOneLine(string[] args, string expected) =>
        CliRunner.AssertUsageError(CliRunner.Run(args), expected);

    [Fact]
    public void ErrorsComeBeforeAnythingIsWritten()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--model", "lenet5", "--out", dir), "expects inputs of shape 1x28x28");
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void VerboseAddsTheStackTrace()
    {
        var result = CliRunner.Run("train", "--dataset", "nope", "--verbose");
        Assert.Equal(CliApp.UsageError, result.ExitCode);
        Assert.Contains("Unknown dataset 'nope'", result.Error);
        Assert.Contains("   at ", result.Error);
    }

    [Fact]
    public void ModelDatasetShapeMismatchIsCaughtUpFront()
    {
        string dir = CliRunner.TempDirectory();
        string json = Path.Combine(dir, "net.json");
        File.WriteAllText(json, """{"input": [3], "layers": [{"type": "Linear", "in": 3, "out": 4}, {"type": "ReLU"}, {"type": "Linear", "in": 4, "out": 2}]}""");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--model", json, "--dataset", "moons"), "model 'net.json' expects 3 inputs but dataset 'moons' has 2 features");
        File.WriteAllText(json, """{"input": [2], "layers": [{"type": "Linear", "in": 2, "out": 2}]}""");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--model", json, "--dataset", "gaussians"), "model 'net.json' has 2 outputs but dataset 'gaussians' has 3 classes");
        File.WriteAllText(json, """{"layers": [{"type": "Linear", "in": 2, "out": 4}, {"type": "Relu7"}]}""");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--model", json), "layer 1", "unknown layer type 'Relu7'");
        File.WriteAllText(json, """{"input": [2], "layers": [{"type": "Linear", "in": 3, "out": 4}]}""");
        CliRunner.AssertUsageError(CliRunner.Run("train", "--model", json), "Linear(3 -> 4)");
    }
}
