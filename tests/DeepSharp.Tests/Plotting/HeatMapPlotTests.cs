using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public class HeatMapPlotTests
{
    // (x - 1)² + 4 (y + 2)² on [-3, 3] x [-5, 5].
    private static double[,] Bowl(int rows = 51, int columns = 61)
    {
        var v = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                double x = -3 + 6.0 * j / (columns - 1), y = -5 + 10.0 * i / (rows - 1);
                v[i, j] = (x - 1) * (x - 1) + 4 * (y + 2) * (y + 2);
            }
        return v;
    }

    [Fact]
    public void RendersValidPngAndSvgWithLightMinimumAndDarkCorner()
    {
        var path = new PlotSeries("descent", [-2.5, 0, 0.9, 9], [4, 0, -1.9, 9]); // the last point leaves the map
        var plot = new HeatMapPlot(Bowl(), -3, 3, -5, 5, [path], [(1.0, -2.0)], new HeatMapOptions { Title = "bowl", ContourLevels = 10 });
        PlotAssert.ValidPng(plot.ToPng(), plot.Width, plot.Height);
        var png = plot.ToCanvas();
        PlotAssert.ValidSvg(plot.ToSvg(), plot.Width, plot.Height);
        Assert.Equal(0, plot.ValueAt(1, -2), 9);
        Assert.Equal(4 * 4 + 4 * 9, plot.ValueAt(-3, 1), 9);
        Assert.Equal(0, plot.ScaleOf(0));
        Assert.Equal(1, plot.ScaleOf(plot.ValueAt(-3, 5)), 9);
        // Near the top-right corner (high loss) the map is darker than at a point near the minimum.
        var (cx, cy) = plot.DataToPixel(2.9, 4.8);
        var (mx, my) = plot.DataToPixel(1.4, -2.6);
        Assert.True(Brightness(png.GetPixel((int)cx, (int)cy)) < Brightness(png.GetPixel((int)mx, (int)my)));
    }

    [Fact]
    public void LinearScaleAndNoContoursAreAllowed()
    {
        var plot = new HeatMapPlot(Bowl(), -3, 3, -5, 5, options: new HeatMapOptions { LogScale = false, ContourLevels = 0 });
        Assert.Equal(0.5, plot.ScaleOf(plot.ValueAt(-3, 5) / 2), 9);
        PlotAssert.ValidPng(plot.ToPng(), plot.Width, plot.Height);
    }

    [Fact]
    public void BadInputsThrow()
    {
        Assert.Throws<ArgumentException>(() => new HeatMapPlot(new double[1, 5], 0, 1, 0, 1));
        var nan = Bowl();
        nan[3, 3] = double.NaN;
        Assert.Throws<ArgumentException>(() => new HeatMapPlot(nan, 0, 1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeatMapPlot(Bowl(), 1, 0, 0, 1));
        Assert.Equal("ContourLevels", Assert.Throws<ArgumentOutOfRangeException>(() => new HeatMapOptions { ContourLevels = 101 }).ParamName);
    }

    private static int Brightness(Rgba c) => c.R + c.G + c.B;
}
