using DeepSharp.Cli.Plots;
using DeepSharp.Nn;
using DeepSharp.Plotting;
using DeepSharp.Tensors;
using DeepSharp.Training;

using DeepSharp.Tests.Plotting;

namespace DeepSharp.Tests.Training;

public sealed class ModelPlotsTests
{
    [Fact]
    public void DecisionBoundaryColoursEachSideByTheModelsClass()
    {
        // A fixed linear classifier: class 1 where x > 0.
        var model = new Linear(2, 2, rng: new RandomGenerator(0));
        model.Weight.AsSpan<float>().Clear();
        model.Weight.AsSpan<float>()[0] = -5;
        model.Weight.AsSpan<float>()[2] = 5;
        model.Bias!.AsSpan<float>().Clear();
        float[] points = [-1, -1, -1, 1, 1, -1, 1, 1];
        var plot = ModelPlots.DecisionBoundary(model, points, [0, 0, 1, 1], new DecisionBoundaryOptions { Width = 300, Height = 300 });
        var canvas = plot.ToCanvas();
        Assert.Equal(2, plot.ClassCount);
        var (lx, ly) = plot.DataToPixel(-0.8, 0);
        var (rx, ry) = plot.DataToPixel(0.8, 0);
        Assert.True(PlotAssert.Distance(canvas.GetPixel((int)lx, (int)ly), DecisionBoundaryPlot.RegionColor(0, 1, 2)) < 40);
        Assert.True(PlotAssert.Distance(canvas.GetPixel((int)rx, (int)ry), DecisionBoundaryPlot.RegionColor(1, 1, 2)) < 40);
    }

    [Fact]
    public void MisclassifiedShowsOnlyTheWrongOnesOrNothing()
    {
        var pixels = new float[5 * 4];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = i / 20f;
        var grid = ModelPlots.Misclassified(pixels, 2, 2, [0, 1, 2, 0, 1], [0, 2, 2, 1, 1], ["a", "b", "c"]);
        Assert.NotNull(grid);
        Assert.Equal(2, grid!.Count);
        PlotAssert.ValidPng(grid.ToPng(), grid.Width, grid.Height);
        Assert.Null(ModelPlots.Misclassified(pixels, 2, 2, [0, 1, 2, 0, 1], [0, 1, 2, 0, 1], ["a", "b", "c"]));
        Assert.Equal(1, ModelPlots.Misclassified(pixels, 2, 2, [0, 1, 2, 0, 1], [0, 2, 2, 1, 1], ["a", "b", "c"], max: 1)!.Count);
        Assert.Throws<ArgumentException>(() => ModelPlots.Misclassified(pixels, 2, 3, [0, 1, 2, 0, 1], [0, 2, 2, 1, 1], ["a"]));
        Assert.Throws<ArgumentException>(() => ModelPlots.Misclassified(pixels, 2, 2, [0, 1, 2, 0, 1], [0, 2], ["a"]));
    }

    [Fact]
    public void ConfusionCopiesTheCountsAndNames()
    {
        var matrix = new ConfusionMatrix(3);
        matrix.Add(0, 0);
        matrix.Add(1, 2);
        matrix.Add(2, 2);
        var plot = ModelPlots.Confusion(matrix, ["x", "y", "z"]);
        Assert.Equal(3, plot.ClassCount);
        Assert.Equal(1.0, plot.Intensity(1, 2), 9);
        PlotAssert.ValidPng(plot.ToPng(), plot.Width, plot.Height);
        Assert.Equal(3, ModelPlots.Confusion(matrix, ["wrong count"]).ClassCount);
    }
}
