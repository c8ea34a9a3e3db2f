using DeepSharp.Autograd;
using DeepSharp.Classic;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Classic;

public class RbfNetworkTests
{
    private static (Tensor X, Tensor Y) Data((float[] X, int[] Labels) d) => (Tensor.FromArray(d.X, [d.Labels.Length, 2]), Tensor.FromArray(d.Labels, [d.Labels.Length]));

    private static double Accuracy(Module model, Tensor x, Tensor y) => Metrics.Accuracy(Evaluator.Predict(model, x), y);

    [Fact]
    public void RadialBasisIsTheGaussianOfTheDistanceAndPassesGradCheck()
    {
        var x = Tensor.FromArray(new double[] { 0.5, -1, 2, 0.25, -0.3, 0.8 }, [3, 2]);
        var c = Tensor.FromArray(new double[] { 0, 0, 1, -1 }, [2, 2]);
        var logWidths = Tensor.FromArray(new double[] { 0.2, -0.4 }, [2]);
        double[] phi = Functional.RadialBasis(x, c, logWidths).ToArray<double>();
        double[] xs = x.ToArray<double>(), cs = c.ToArray<double>(), ls = logWidths.ToArray<double>();
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 2; k++)
            {
                double d2 = Math.Pow(xs[2 * i] - cs[2 * k], 2) + Math.Pow(xs[2 * i + 1] - cs[2 * k + 1], 2);
                Assert.Equal(Math.Exp(-d2 / (2 * Math.Exp(2 * ls[k]))), phi[i * 2 + k], 12);
            }
        DeepSharp.Tests.Nn.NnAssert.GradChecks(t => Functional.RadialBasis(t[0], t[1], t[2]).Square().Sum(),
            x.RequireGrad(), c.RequireGrad(), logWidths.RequireGrad());
        Assert.Throws<ShapeMismatchException>(() => Functional.RadialBasis(x, Tensor.Zeros(2, 3), logWidths));
    }

    [Fact]
    public void WithACentreOnEveryPointTheLeastSquaresReadoutInterpolates()
    {
        // The XOR table with one Gaussian per point: Φ (4 x 4) is invertible, so as the ridge goes to 0
        // the least-squares readout interpolates the targets (the bias makes the system one wider; λ = 1e-9 fixes it).
        var (x, y) = Data(ToyData.XorTable());
        var net = new RbfNetwork(2, 4, 2, new RandomGenerator(1));
        net.FitFromData(x, y, new RbfOptions { Centres = RbfCentreSelection.Sample, Ridge = 1e-9 });
        float[] output = net.Forward(x).ToArray<float>();
        int[] labels = y.ToArray<int>();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 2; j++) Assert.Equal(labels[i] == j ? 1 : 0, output[i * 2 + j], 3);
        Assert.Equal(1.0, Accuracy(net, x, y));
    }

    [Fact]
    public void LeastSquaresReadoutIsWhereTheRidgeObjectiveIsFlat()
    {
        var (x, y) = Data(ToyData.ConcentricCircles(200, 0.05, rng: new RandomGenerator(2)));
        var net = new RbfNetwork(2, 10, 2, new RandomGenerator(3));
        const double ridge = 0.1;
        net.FitFromData(x, y, new RbfOptions { Ridge = ridge }, new RandomGenerator(4));
        // The objective ‖Φ Wᵀ + b − Y‖² + λ‖W‖² has zero gradient in (W, b) at the closed-form solution.
        var oneHot = Tensor.OneHot(y, 2).To(DType.Float32);
        var objective = (net.Forward(x) - oneHot).Square().Sum() + net.Readout.Weight.Square().Sum() * ridge;
        net.ZeroGrad();
        objective.Backward();
        double scale = (net.Forward(x) - oneHot).Abs().Sum().Item() + 1;
        Assert.All(net.Readout.Weight.Grad!.ToArray<float>(), g => Assert.InRange(g / scale, -1e-3, 1e-3));
        Assert.All(net.Readout.Bias!.Grad!.ToArray<float>(), g => Assert.InRange(g / scale, -1e-3, 1e-3));
    }

    [Theory]
    [InlineData("xor", 8)]
    [InlineData("circles", 12)]
    public void KMeansCentresAndLeastSquaresFitTheLectureToySets(string name, int units)
    {
        var rng = new RandomGenerator(5);
        var train = name == "xor" ? ToyData.Xor(400, 0.1, rng) : ToyData.ConcentricCircles(400, 0.05, rng: rng);
        var test = name == "xor" ? ToyData.Xor(400, 0.1, rng) : ToyData.ConcentricCircles(400, 0.05, rng: rng);
        var (x, y) = Data(train);
        var (xt, yt) = Data(test);
        var net = new RbfNetwork(2, units, 2, new RandomGenerator(6));
        net.FitFromData(x, y, rng: new RandomGenerator(7));
        Assert.True(Accuracy(net, xt, yt) >= 0.95, $"{name}: held-out accuracy {Accuracy(net, xt, yt):F3}");
    }

    [Fact]
    public void EndToEndTrainingMovesCentresAndWidthsAndImprovesOnSampledCentres()
    {
        var rng = new RandomGenerator(8);
        var (x, y) = Data(ToyData.ConcentricCircles(400, 0.05, rng: rng));
        var net = new RbfNetwork(2, 6, 2, new RandomGenerator(9));
        net.FitFromData(x, y, new RbfOptions { Centres = RbfCentreSelection.Sample }, new RandomGenerator(10));
        double before = Functional.CrossEntropy(net.Forward(x), y).Item();
        float[] centresBefore = net.Hidden.Centres.ToArray<float>();
        Trainer.Fit(net, (o, t) => Functional.CrossEntropy(o, t), new Adam(net.Parameters(), new AdamOptions(0.02)),
            new DataLoader(new TensorDataset(x, y), 32, shuffle: true, seed: 1), new FitOptions { Epochs = 40 });
        double after = Functional.CrossEntropy(net.Forward(x), y).Item();
        Assert.True(after < before, $"cross-entropy {before:F3} -> {after:F3}");
        Assert.NotEqual(centresBefore, net.Hidden.Centres.ToArray<float>());
        Assert.True(Accuracy(net, x, y) >= 0.95, $"accuracy after end-to-end training {Accuracy(net, x, y):F3}");
    }

    [Fact]
    public void KMeansFindsWellSeparatedClusters()
    {
        double[] points = [0, 0, 0.1, 0, 0, 0.1, 10, 10, 10.1, 10, 10, 10.1];
        var centres = KMeans.Fit(points, 6, 2, 2, new RandomGenerator(1));
        var sorted = new[] { (centres[0], centres[1]), (centres[2], centres[3]) }.Order().ToArray();
        Assert.Equal(0.1 / 3, sorted[0].Item1, 9);
        Assert.Equal(10 + 0.1 / 3, sorted[1].Item2, 9);
        Assert.Equal("clusters", Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(points, 6, 2, 7, new RandomGenerator(1))).ParamName);
        var net = new RbfNetwork(2, 5, 2);
        Assert.Contains("at least 5 training inputs", Assert.Throws<ArgumentException>(() => net.PlaceUnits(Tensor.Zeros(3, 2), new RbfOptions(), new RandomGenerator(1))).Message);
        Assert.Equal("WidthScale", Assert.Throws<ArgumentOutOfRangeException>(() => new RbfOptions { WidthScale = 0 }).ParamName);
    }
}
