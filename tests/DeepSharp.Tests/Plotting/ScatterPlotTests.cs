using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public class ScatterPlotTests
{
    [Fact]
    public void PointsLandInTheirClassColour()
    {
        var plot = new ScatterPlot([0, 10, 5], [0, 10, -3], [0, 1, 2], new ScatterPlotOptions { PointSize = 9, ClassNames = ["a", "b", "c"] });
        var canvas = plot.ToCanvas();
        PlotAssert.ValidPng(plot.ToPng(), plot.Width, plot.Height);
        PlotAssert.ValidSvg(plot.ToSvg(), plot.Width, plot.Height);
        var (px, py) = plot.DataToPixel(5, -3);
        Assert.Equal(Palette.Categorical(2), canvas.GetPixel((int)px, (int)py));
        Assert.True(plot.XTicks.Min <= 0 && plot.XTicks.Max >= 10);
    }

    [Fact]
    public void BadInputsThrow()
    {
        Assert.Throws<ArgumentException>(() => new ScatterPlot([1], [1, 2], [0]));
        Assert.Throws<ArgumentException>(() => new ScatterPlot([], [], []));
        Assert.Throws<ArgumentException>(() => new ScatterPlot([double.NaN], [1], [0]));
        Assert.Throws<ArgumentException>(() => new ScatterPlot([1], [1], [-1]));
    }
}
