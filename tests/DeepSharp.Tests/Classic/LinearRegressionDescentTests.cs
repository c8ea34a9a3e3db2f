using DeepSharp.Classic;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Classic;

public class LinearRegressionDescentTests
{
    private static LinearRegressionProblem Problem(int n = 100, ulong seed = 1) =>
        LinearRegressionProblem.Synthetic(n, 1.5, 1, 0.5, new RandomGenerator(seed), 0, 4);

    [Fact]
    public void MinimumIsTheNormalEquationsSolution()
    {
        var p = Problem();
        double[] x = p.X, y = p.Y;
        // Normal equations [[Σx², Σx], [Σx, N]] (a, b) = (Σxy, Σy), solved by Cramer's rule.
        double sxx = x.Sum(v => v * v), sx = x.Sum(), sxy = x.Zip(y, (u, v) => u * v).Sum(), sy = y.Sum(), n = x.Length;
        double det = sxx * n - sx * sx;
        double a = (sxy * n - sx * sy) / det, b = (sxx * sy - sx * sxy) / det;
        Assert.Equal(a, p.Minimum.Slope, 10);
        Assert.Equal(b, p.Minimum.Intercept, 10);
        Assert.InRange(a, 1.3, 1.7); // the planted slope 1.5, within the noise
        Assert.InRange(b, 0.6, 1.4);
        var (ga, gb) = p.Gradient(a, b);
        Assert.Equal(0, ga, 9);
        Assert.Equal(0, gb, 9);
        // The loss from the sufficient statistics equals the plain mean of squared residuals anywhere.
        foreach (var (sa, sb) in new[] { (a, b), (-2.0, 8.0), (4.0, -6.0) })
        {
            double direct = x.Zip(y, (u, v) => (sa * u + sb - v) * (sa * u + sb - v)).Average();
            Assert.Equal(direct, p.Loss(sa, sb), 9);
            Assert.Equal(direct, p.Loss(sa, sb, Enumerable.Range(0, x.Length).ToArray()), 9);
        }
    }

    [Fact]
    public void GridMinimumLiesWithinOneGridStepOfTheClosedForm()
    {
        var p = Problem();
        var landscape = LossLandscape.Sample(p, -2, 4, -6, 8);
        var grid = landscape.GridMinimum;
        Assert.InRange(Math.Abs(grid.Slope - p.Minimum.Slope), 0, 6.0 / 120);
        Assert.InRange(Math.Abs(grid.Intercept - p.Minimum.Intercept), 0, 14.0 / 140);
        Assert.True(grid.Loss >= p.MinimumLoss - 1e-12);
        Assert.Equal(p.Loss(-2, -6), landscape.Values[0, 0], 12);
        Assert.Equal(p.Loss(4, 8), landscape.Values[140, 120], 12);
    }

    [Fact]
    public void BatchDescentConvergesBelowTheCriticalRateAndDivergesAbove()
    {
        var p = Problem();
        var best = LinearRegressionDescent.Run(p, -1.5, 7, p.BestLearningRate, 600);
        Assert.False(best.Diverged);
        Assert.Equal(600, best.Updates);
        Assert.Equal(p.Minimum.Slope, best.Slope[^1], 6);
        Assert.Equal(p.Minimum.Intercept, best.Intercept[^1], 6);
        Assert.Equal(p.MinimumLoss, best.FinalLoss, 9);

        var justBelow = LinearRegressionDescent.Run(p, -1.5, 7, 0.95 * p.CriticalLearningRate, 2000);
        Assert.False(justBelow.Diverged);
        Assert.Equal(p.MinimumLoss, justBelow.FinalLoss, 6);

        var above = LinearRegressionDescent.Run(p, -1.5, 7, 1.08 * p.CriticalLearningRate, 2000);
        Assert.True(above.Diverged);
        Assert.True(above.FinalLoss > LinearRegressionDescent.DivergenceLoss || !double.IsFinite(above.FinalLoss));

        var tooSmall = LinearRegressionDescent.Run(p, -1.5, 7, p.BestLearningRate / 10, 40);
        Assert.True(tooSmall.FinalLoss > 1.5 * best.FinalLoss, "a tenth of the best rate is still far from the minimum after 40 steps");
        // Every step of the best-rate run lowers the loss (a quadratic below the critical rate).
        for (int k = 1; k < best.Loss.Length; k++) Assert.True(best.Loss[k] <= best.Loss[k - 1] + 1e-12);
    }

    [Fact]
    public void VariantsMakeTheExpectedNumberOfUpdatesAndGetClose()
    {
        var p = Problem();
        double rate = p.CriticalLearningRate / 4;
        var batch = LinearRegressionDescent.Run(p, -1.5, 7, rate, 15);
        var mini = LinearRegressionDescent.Run(p, -1.5, 7, rate, 15, GradientDescentVariant.MiniBatch, 30, new RandomGenerator(3));
        var sgd = LinearRegressionDescent.Run(p, -1.5, 7, rate, 15, GradientDescentVariant.Stochastic, rng: new RandomGenerator(3));
        Assert.Equal(15, batch.Updates);
        Assert.Equal(15 * 4, mini.Updates); // ceil(100 / 30) = 4 per epoch
        Assert.Equal(15 * 100, sgd.Updates);
        Assert.Equal(15.0, sgd.Epoch[^1], 12);
        Assert.Equal(0.25, mini.Epoch[1], 12);
        // Per epoch, more updates get further: stochastic and mini-batch end nearer the minimum than batch.
        Assert.True(sgd.FinalLoss < batch.FinalLoss);
        Assert.True(mini.FinalLoss < batch.FinalLoss);
        Assert.InRange(sgd.FinalLoss, p.MinimumLoss, p.MinimumLoss * 2); // SGD jitters around the minimum at a constant rate
        // Seeded: the same seed gives the same path.
        var again = LinearRegressionDescent.Run(p, -1.5, 7, rate, 15, GradientDescentVariant.Stochastic, rng: new RandomGenerator(3));
        Assert.Equal(sgd.Slope, again.Slope);
    }

    [Fact]
    public void BadInputsThrowNamingTheProblem()
    {
        Assert.Contains("as many y", Assert.Throws<ArgumentException>(() => new LinearRegressionProblem([1, 2], [1])).Message);
        Assert.Contains("undetermined", Assert.Throws<ArgumentException>(() => new LinearRegressionProblem([2, 2, 2], [1, 2, 3])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => new LinearRegressionProblem([1, double.NaN], [1, 2])).Message);
        var p = Problem(10);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => LinearRegressionDescent.Run(p, 0, 0, 0, 1)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LinearRegressionDescent.Run(p, 0, 0, 0.1, 1, GradientDescentVariant.MiniBatch, 11)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => LossLandscape.Sample(p, -1, 1, -1, 1, 1, 10)).ParamName);
    }
}
