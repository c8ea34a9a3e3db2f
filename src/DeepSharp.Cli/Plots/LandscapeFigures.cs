using System.Globalization;
using DeepSharp.Classic;
using DeepSharp.Plotting;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Plots;

/// <summary>The lectures' pictures of gradient descent on a linear regression: the MSE over
/// (slope, intercept) with descent paths for several learning rates, and batch vs mini-batch vs
/// stochastic descent on the same landscape.</summary>
internal static class LandscapeFigures
{
    /// <summary>The lecture's range of the landscape: a in [-2, 4], b in [-6, 8].</summary>
    public const double SlopeMin = -2, SlopeMax = 4, InterceptMin = -6, InterceptMax = 8;

    /// <summary>Where every path starts (the top-left of the range, far from the minimum).</summary>
    public const double StartSlope = -1.5, StartIntercept = 7;

    /// <summary>The synthetic problem the figures use: y = 1.5 x + 1 + noise, x uniform in [0, 4].</summary>
    public static LinearRegressionProblem Problem(int samples, double noise, ulong seed) =>
        LinearRegressionProblem.Synthetic(samples, 1.5, 1, noise, new RandomGenerator(seed), 0, 4);

    /// <summary>The three learning rates of the lecture's picture: too small (a tenth of the best),
    /// right (2 / (λ_min + λ_max), the fastest for a quadratic bowl), and too large (just above the
    /// critical 2 / λ_max, where descent diverges).</summary>
    public static (string Name, double Rate)[] LectureRates(LinearRegressionProblem problem)
    {
        double right = problem.BestLearningRate;
        return [("too small", right / 10), ("right", right), ("too large", problem.CriticalLearningRate * 1.08)];
    }

    /// <summary>The landscape with one descent path per learning rate; prints the closed-form and
    /// grid minima and each path's final loss.</summary>
    public static HeatMapPlot Landscape(LinearRegressionProblem problem, (string Name, double Rate)[] rates, int epochs, string? title, TextWriter output)
    {
        var landscape = LossLandscape.Sample(problem, SlopeMin, SlopeMax, InterceptMin, InterceptMax);
        var (a, b) = problem.Minimum;
        var grid = landscape.GridMinimum;
        output.WriteLine(Invariant($"least-squares minimum: a = {a:F4}, b = {b:F4}, MSE = {problem.MinimumLoss:F4}"));
        output.WriteLine(Invariant($"grid minimum (121 x 141 points): a = {grid.Slope:F4}, b = {grid.Intercept:F4}, MSE = {grid.Loss:F4}"));
        output.WriteLine(Invariant($"critical learning rate 2 / lambda_max = {problem.CriticalLearningRate:G4}"));
        var paths = new List<PlotSeries>();
        foreach (var (name, rate) in rates)
        {
            var path = LinearRegressionDescent.Run(problem, StartSlope, StartIntercept, rate, epochs);
            output.WriteLine(Invariant($"lr {rate:G4} ({name}): {path.Updates} updates, final MSE {Describe(path)}"));
            paths.Add(new PlotSeries(Invariant($"lr {rate:G3} ({name})"), path.Slope, path.Intercept));
        }
        return new HeatMapPlot(landscape.Values, SlopeMin, SlopeMax, InterceptMin, InterceptMax, paths, [(a, b)], new HeatMapOptions
        {
            Title = title ?? "MSE of y = a x + b (log colour scale)",
            XLabel = "slope a",
            YLabel = "intercept b",
        });
    }

    /// <summary>Batch, mini-batch and stochastic descent at one learning rate: their paths on the
    /// landscape, and the loss against updates and against epochs.</summary>
    public static PanelGrid Variants(LinearRegressionProblem problem, double rate, int epochs, int batchSize, ulong seed, string? title, TextWriter output)
    {
        var landscape = LossLandscape.Sample(problem, SlopeMin, SlopeMax, InterceptMin, InterceptMax);
        var runs = new (string Name, GradientDescentVariant Variant, Rgba Color)[]
        {
            ("batch", GradientDescentVariant.Batch, Palette.Categorical(1)),
            (Invariant($"mini-batch of {batchSize}"), GradientDescentVariant.MiniBatch, Palette.Categorical(3)),
            ("stochastic", GradientDescentVariant.Stochastic, Palette.Categorical(2)),
        };
        var paths = new List<PlotSeries>();
        var byUpdate = new List<PlotSeries>();
        var byEpoch = new List<PlotSeries>();
        output.WriteLine(Invariant($"{problem.Count} points, lr {rate:G4}, {epochs} epochs; least-squares MSE {problem.MinimumLoss:F4}"));
        foreach (var (name, variant, color) in runs)
        {
            var path = LinearRegressionDescent.Run(problem, StartSlope, StartIntercept, rate, epochs, variant, batchSize, new RandomGenerator(seed));
            output.WriteLine(Invariant($"{name}: {path.Updates} updates, final MSE {Describe(path)}"));
            paths.Add(new PlotSeries(name, path.Slope, path.Intercept, color, ShowMarkers: variant == GradientDescentVariant.Batch));
            byUpdate.Add(new PlotSeries(name, Enumerable.Range(0, path.Loss.Length).Select(i => (double)i).ToArray(), path.Loss.Select(Math.Log10).ToArray(), color, ShowMarkers: false));
            byEpoch.Add(new PlotSeries(name, path.Epoch, path.Loss.Select(Math.Log10).ToArray(), color, ShowMarkers: false));
        }
        var map = new HeatMapPlot(landscape.Values, SlopeMin, SlopeMax, InterceptMin, InterceptMax, paths, [problem.Minimum], new HeatMapOptions
        {
            Title = "Paths on the MSE landscape",
            XLabel = "slope a",
            YLabel = "intercept b",
            LineWidth = 1.5,
        });
        var updates = new LinePlot(byUpdate, new LinePlotOptions { Title = "Loss against updates", XLabel = "update", YLabel = "log10 MSE", Width = 560, Height = 520 });
        var perEpoch = new LinePlot(byEpoch, new LinePlotOptions { Title = "Loss against epochs", XLabel = "epoch", YLabel = "log10 MSE", Width = 560, Height = 520 });
        return new PanelGrid([map, updates, perEpoch], 3, title ?? Invariant($"Batch vs mini-batch vs stochastic gradient descent (lr {rate:G3})"));
    }

    private static string Describe(DescentPath path) =>
        path.Diverged ? Invariant($"diverged (above {LinearRegressionDescent.DivergenceLoss:G3})")
        : Invariant($"{path.FinalLoss:F4}{(path.FinalLoss > path.Loss[0] ? " (grew from the start: divergent)" : "")}");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
