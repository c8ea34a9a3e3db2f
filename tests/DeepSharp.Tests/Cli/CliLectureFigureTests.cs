using System.Globalization;
using System.Text.RegularExpressions;
using DeepSharp.Classic;
using DeepSharp.Cli.Plots;
using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;
using DeepSharp.Tests.Plotting;

namespace DeepSharp.Tests.Cli;

/// <summary>The lectures' figures as plot commands: each writes a valid PNG and SVG, and the numbers it prints equal the closed forms.</summary>
public class CliLectureFigureTests
{
    private static double Number(string line, string name) =>
        double.Parse(Regex.Match(line, Regex.Escape(name) + @" = (-?[0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void LossLandscapePrintsTheClosedFormMinimumAndWritesPngAndSvg()
    {
        string dir = CliRunner.TempDirectory();
        string png = Path.Combine(dir, "landscape.png"), svg = Path.Combine(dir, "landscape.svg");
        var result = CliRunner.Run("plot", "--loss-landscape", "--out", png);
        Assert.Equal(0, result.ExitCode);
        var problem = LandscapeFigures.Problem(100, 0.5, 1);
        string minimum = result.OutLines.Single(l => l.StartsWith("least-squares minimum", StringComparison.Ordinal));
        Assert.Equal(problem.Minimum.Slope, Number(minimum, "a"), 4);
        Assert.Equal(problem.Minimum.Intercept, Number(minimum, "b"), 4);
        Assert.Equal(problem.MinimumLoss, Number(minimum, "MSE"), 4);
        string grid = result.OutLines.Single(l => l.StartsWith("grid minimum", StringComparison.Ordinal));
        Assert.InRange(Math.Abs(Number(grid, "a") - problem.Minimum.Slope), 0, 0.05);
        Assert.InRange(Math.Abs(Number(grid, "b") - problem.Minimum.Intercept), 0, 0.1);
        // Too small and right converge (right to the minimum), too large diverges.
        Assert.Contains(result.OutLines, l => l.Contains("(too large)") && l.Contains("diverge"));
        string right = result.OutLines.Single(l => l.Contains("(right)"));
        Assert.Equal(problem.MinimumLoss, double.Parse(right[(right.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture), 4);
        var image = CliTrainTests.PngDecoderCheck(png);
        Assert.True(image.Width >= 400);
        Assert.Equal(0, CliRunner.Run("plot", "--loss-landscape", "--lr", "0.05", "--epochs", "10", "--out", svg).ExitCode);
        Assert.NotNull(System.Xml.Linq.XDocument.Load(svg).Root);
    }

    [Fact]
    public void GradientDescentVariantsCountTheirUpdates()
    {
        string dir = CliRunner.TempDirectory();
        string png = Path.Combine(dir, "gd.png");
        var result = CliRunner.Run("plot", "--gd-variants", "--epochs", "5", "--batch-size", "20", "--out", png);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("batch: 5 updates", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("mini-batch of 20: 25 updates", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("stochastic: 500 updates", StringComparison.Ordinal));
        var image = CliTrainTests.PngDecoderCheck(png);
        Assert.True(image.Width > 3 * 500, $"three panels side by side expected, width {image.Width}");
        string svg = Path.Combine(dir, "gd.svg");
        Assert.Equal(0, CliRunner.Run("plot", "--gd-variants", "--epochs", "2", "--out", svg).ExitCode);
        Assert.NotNull(System.Xml.Linq.XDocument.Load(svg).Root);
    }

    [Fact]
    public void ActivationGalleryDerivativesMatchTheClosedForms()
    {
        double[] x = [-2, -0.5, 0.5, 2];
        var byName = ActivationFigures.Gallery.ToDictionary(g => g.Name, g => ActivationFigures.Evaluate(g.Create(), x));
        Assert.Equal(12, byName.Count);
        for (int i = 0; i < x.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-x[i]));
            Assert.Equal(s * (1 - s), byName["sigmoid"].Derivative[i], 5);
            Assert.Equal(1 - Math.Pow(Math.Tanh(x[i]), 2), byName["tanh"].Derivative[i], 5);
            Assert.Equal(s, byName["softplus"].Derivative[i], 5);
            Assert.Equal(s + x[i] * s * (1 - s), byName["swish"].Derivative[i], 5);
            Assert.Equal(1 / (1 + x[i] * x[i]), byName["arctan"].Derivative[i], 5);
            Assert.Equal(x[i] > 0 ? 1 : Math.Exp(x[i]), byName["ELU"].Derivative[i], 5);
            Assert.Equal(x[i] > 0 ? 1 : 0.1, byName["leaky ReLU (0.1)"].Derivative[i], 6);
            Assert.Equal(x[i] > -1 ? 1 : 0, byName["shifted ReLU (-1)"].Derivative[i], 6);
            Assert.Equal(Math.Max(x[i], -1), byName["shifted ReLU (-1)"].Value[i], 6);
            // max(x, -x/2, x/4 + 1): the third piece wins on (-4/3, 4/3).
            double[] pieces = [x[i], -x[i] / 2, x[i] / 4 + 1];
            Assert.Equal(pieces.Max(), byName["maxout of x, -x/2, x/4+1"].Value[i], 6);
            Assert.Equal(new[] { 1, -0.5, 0.25 }[Array.IndexOf(pieces, pieces.Max())], byName["maxout of x, -x/2, x/4+1"].Derivative[i], 6);
            Assert.Equal(x[i] >= 0 ? 1 : 0, byName["step"].Value[i]);
            Assert.Equal(x[i] >= 0 ? 1 : -1, byName["sign"].Value[i]);
        }
        string dir = CliRunner.TempDirectory();
        foreach (string name in new[] { "act.png", "act.svg" })
        {
            var result = CliRunner.Run("plot", "--activations", "--out", Path.Combine(dir, name));
            Assert.Equal(0, result.ExitCode);
        }
        var image = CliTrainTests.PngDecoderCheck(Path.Combine(dir, "act.png"));
        Assert.True(image.Width >= 4 * 380 && image.Height >= 3 * 320);
        Assert.NotNull(System.Xml.Linq.XDocument.Load(Path.Combine(dir, "act.svg")).Root);
    }

    [Fact]
    public void SoftmaxPrintsExpOverSum()
    {
        string dir = CliRunner.TempDirectory();
        string png = Path.Combine(dir, "softmax.png");
        var result = CliRunner.Run("plot", "--softmax", "--scores", "2,1,0.1; 1,3,3,0", "--out", png);
        Assert.Equal(0, result.ExitCode);
        double[][] scores = [[2, 1, 0.1], [1, 3, 3, 0]];
        for (int v = 0; v < 2; v++)
        {
            double sum = scores[v].Sum(Math.Exp);
            var printed = Regex.Match(result.OutLines[v], @"= \((.*)\)$").Groups[1].Value.Split(", ").Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(scores[v].Select(z => Math.Exp(z) / sum).ToArray(), printed, (a, b) => Math.Abs(a - b) < 1e-4);
        }
        CliTrainTests.PngDecoderCheck(png);
        Assert.Equal(0, CliRunner.Run("plot", "--softmax", "--out", Path.Combine(dir, "s.svg")).ExitCode);
        Assert.NotNull(System.Xml.Linq.XDocument.Load(Path.Combine(dir, "s.svg")).Root);
        CliRunner.AssertUsageError(CliRunner.Run("plot", "--softmax", "--scores", "1,x"), "--scores expects numbers");
    }

    [Fact]
    public void FiltersOfALeNetCheckpoint()
    {
        string dir = CliRunner.TempDirectory();
        string weights = Path.Combine(dir, "lenet.safetensors");
        var model = Models.LeNet5(rng: new RandomGenerator(4));
        model.Save(weights, ModelDescription.LeNet5());
        string png = Path.Combine(dir, "filters.png");
        var result = CliRunner.Run("plot", "--filters", "--checkpoint", weights, "--out", png);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("6 filters of 1x5x5", result.OutLines[0]);
        CliTrainTests.PngDecoderCheck(png);
        var conv = FilterFigures.FirstConvolution(model)!.Value.Layer;
        var grid = FilterFigures.Filters(conv, "t");
        PlotAssert.ValidSvg(grid.ToSvg(), grid.Width, grid.Height);
        Assert.Equal(6, grid.Count);

        var mlp = Models.Mlp(2, [4], 2, rng: new RandomGenerator(1));
        string mlpPath = Path.Combine(dir, "mlp.safetensors");
        mlp.Save(mlpPath, ModelDescription.Mlp(2, [4], 2));
        CliRunner.AssertUsageError(CliRunner.Run("plot", "--filters", "--checkpoint", mlpPath), "has no convolutional layer");
    }

    [Fact]
    public void AnnealingClimbsOutOfTheLocalMinimumThatSettlingKeeps()
    {
        string dir = CliRunner.TempDirectory();
        string png = Path.Combine(dir, "annealing.png");
        var result = CliRunner.Run("plot", "--annealing", "--out", png);
        Assert.Equal(0, result.ExitCode);
        var machine = AnnealingFigures.Machine(1);
        double global = machine.LowestEnergyState().Energy;
        var numbers = Regex.Matches(result.Out, @"-?[0-9]+\.[0-9]{4}").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        // global, start (local), settling end, annealing end
        Assert.Equal(global, numbers[0], 4);
        Assert.True(numbers[1] > global, "the start is a local, not the global, minimum");
        Assert.Equal(numbers[1], numbers[2], 4); // settling at T = 0 cannot leave a local minimum
        Assert.True(numbers[3] < numbers[1], $"annealing ended at {numbers[3]}, not below the local minimum {numbers[1]}");
        CliTrainTests.PngDecoderCheck(png);
        string svg = Path.Combine(dir, "annealing.svg");
        Assert.Equal(0, CliRunner.Run("plot", "--annealing", "--epochs", "20", "--out", svg).ExitCode);
        Assert.NotNull(System.Xml.Linq.XDocument.Load(svg).Root);
    }

    [Fact]
    public void RbfAgainstAnMlpOfTheSameSize()
    {
        string dir = CliRunner.TempDirectory();
        string png = Path.Combine(dir, "rbf.png");
        var result = CliRunner.Run("plot", "--rbf", "--dataset", "circles", "--samples", "300", "--width", "10", "--epochs", "10", "--out", png);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, result.OutLines.Length);
        Assert.StartsWith("RBF, 10 Gaussians: k-means + least squares: test accuracy ", result.OutLines[0]);
        Assert.StartsWith("MLP, 10 tanh units", result.OutLines[2]);
        double classic = double.Parse(result.OutLines[0][(result.OutLines[0].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        Assert.True(classic >= 0.95, $"classic RBF fit: test accuracy {classic}");
        var image = CliTrainTests.PngDecoderCheck(png);
        Assert.True(image.Width > 3 * 550);
        CliRunner.AssertUsageError(CliRunner.Run("plot", "--rbf", "--dataset", "csv:" + CliTrainTests.WriteCsv(dir, "t.csv", 20, 1), "--label-column", "kind"), "--rbf needs points with 2 features", "has 3.");
    }

    [Theory]
    [InlineData(new[] { "plot", "--loss-landscape", "--softmax" }, "(got --loss-landscape and --softmax)")]
    [InlineData(new[] { "plot", "--activations", "--lr", "0.1" }, "--lr applies to --decision-boundaries, --loss-landscape, --gd-variants, --rbf, not to --activations")]
    [InlineData(new[] { "plot", "--filters" }, "--filters needs --checkpoint")]
    [InlineData(new[] { "plot", "--gd-variants", "--batch-size", "101" }, "--batch-size' must be between 1 and 100")]
    public void BadFigureRequestsExitWithCode2(string[] args, string expected) =>
        CliRunner.AssertUsageError(CliRunner.Run(args), expected);
}
