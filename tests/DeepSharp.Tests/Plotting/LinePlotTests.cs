using System.Xml.Linq;
using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class LinePlotTests
{
    private static readonly double[] Xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    private static LinePlot TwoSeries(LinePlotOptions? options = null) => new(
    [
        new PlotSeries("rising", Xs, Xs.Select(x => x * x).ToArray()),
        new PlotSeries("flat", Xs, Xs.Select(_ => 20.0).ToArray()),
    ], options ?? new LinePlotOptions { Title = "Squares", XLabel = "x", YLabel = "x^2" });

    [Fact]
    public void AxesCoverTheDataWithNiceTicks()
    {
        LinePlot plot = TwoSeries();
        Assert.Equal(0, plot.XTicks.Min);
        Assert.Equal(10, plot.XTicks.Max);
        Assert.Equal(0, plot.YTicks.Min);
        Assert.Equal(100, plot.YTicks.Max);
        Assert.Equal(20, plot.YTicks.Step);
    }

    [Fact]
    public void DrawsEachSeriesInItsOwnColourWhereTheDataIs()
    {
        LinePlot plot = TwoSeries();
        Canvas c = plot.ToCanvas();
        Rgba first = Palette.Categorical(0), second = Palette.Categorical(1);
        var (x, y) = plot.DataToPixel(5, 25); // on the parabola
        Assert.True(PlotAssert.CountNear(c, first, (int)x - 2, (int)y - 2, (int)x + 3, (int)y + 3, 20) > 0);
        var (fx, fy) = plot.DataToPixel(7.5, 20); // on the flat line, between markers
        Assert.True(PlotAssert.Distance(c.GetPixel((int)fx, (int)fy), second) < 20);
        var (ex, ey) = plot.DataToPixel(1.3, 70); // empty area, off the grid lines (legend sits at the upper right)
        Assert.Equal(Rgba.White, c.GetPixel((int)ex, (int)ey));
    }

    [Fact]
    public void NaNLeavesAGapInTheLine()
    {
        double[] y = [1, 2, 3, double.NaN, 5, 6];
        var plot = new LinePlot([new PlotSeries("", [0, 1, 2, 3, 4, 5], y, ShowMarkers: false)], new LinePlotOptions { ShowGrid = false });
        Canvas c = plot.ToCanvas();
        var (x1, y1) = plot.DataToPixel(1.5, 2.5);
        var (x2, y2) = plot.DataToPixel(3.5, 4);
        Assert.True(PlotAssert.Distance(c.GetPixel((int)x1, (int)y1), Palette.Categorical(0)) < 40);
        Assert.Equal(Rgba.White, c.GetPixel((int)x2, (int)y2));
    }

    [Fact]
    public void FixedRangeClipsTheLineToThePlotArea()
    {
        var plot = new LinePlot([new PlotSeries("s", [0, 10], [0, 10])], new LinePlotOptions { XMin = 0, XMax = 10, YMin = 0, YMax = 5 });
        Assert.Equal(5, plot.YTicks.Max);
        Canvas c = plot.ToCanvas();
        // The line leaves the top of the plot area at x = 5; above the frame it must not be drawn.
        var (x0, top) = plot.DataToPixel(5.5, 5);
        var (x1, _) = plot.DataToPixel(10, 5);
        Assert.Equal(0, PlotAssert.CountNear(c, Palette.Categorical(0), (int)x0, 0, (int)x1, (int)top - 2, 60));
        var (inX, inY) = plot.DataToPixel(2.5, 2.5);
        Assert.True(PlotAssert.Distance(c.GetPixel((int)inX, (int)inY), Palette.Categorical(0)) < 40);
    }

    [Fact]
    public void PngAndSvgAreValid()
    {
        LinePlot plot = TwoSeries();
        PlotAssert.ValidPng(plot.ToPng(), 640, 480);
        XDocument svg = PlotAssert.ValidSvg(plot.ToSvg(), 640, 480);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("Squares", texts);
        Assert.Contains("rising", texts);
        Assert.Contains("x^2", texts);
        Assert.Contains("100", texts);
        Assert.Equal(2, svg.Descendants(ns + "polyline").Count());
    }

    [Fact]
    public void SaveChoosesTheFormatByExtension()
    {
        string dir = PlotAssert.TempDirectory();
        try
        {
            LinePlot plot = TwoSeries();
            plot.Save(Path.Combine(dir, "p.png"));
            plot.Save(Path.Combine(dir, "p.svg"));
            PlotAssert.ValidPng(File.ReadAllBytes(Path.Combine(dir, "p.png")), 640, 480);
            PlotAssert.ValidSvg(File.ReadAllText(Path.Combine(dir, "p.svg")), 640, 480);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void EmptyAndSinglePointSeriesStillRender()
    {
        PlotAssert.ValidPng(new LinePlot([]).ToPng(), 640, 480);
        PlotAssert.ValidPng(new LinePlot([new PlotSeries("one", [3], [7])]).ToPng(), 640, 480);
    }

    [Fact]
    public void InvalidOptionsNameTheOption()
    {
        Assert.Equal("Width", Assert.Throws<ArgumentOutOfRangeException>(() => new LinePlotOptions { Width = 10 }).ParamName);
        Assert.Equal("TextScale", Assert.Throws<ArgumentOutOfRangeException>(() => new LinePlotOptions { TextScale = 0 }).ParamName);
        Assert.Equal("YMin", Assert.Throws<ArgumentOutOfRangeException>(() => new LinePlotOptions { YMin = double.NaN }).ParamName);
        Assert.Equal("XMin", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new LinePlot([new PlotSeries("s", [0], [0])], new LinePlotOptions { XMin = 3, XMax = 1 })).ParamName);
        var e = Assert.Throws<ArgumentException>(() => new PlotSeries("s", [1, 2], [1]));
        Assert.Contains("expected as many Y values as X values (2), got 1", e.Message);
        var sneaky = new PlotSeries("s", [1, 2], [1, 2]) with { Y = [1] };
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => new LinePlot([sneaky])).ParamName);
        // Text too large for the figure: the error names the size option.
        Assert.Equal("Width", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new LinePlot([], new LinePlotOptions { Width = 200, Height = 150, TextScale = 4, Title = "t", XLabel = "x", YLabel = "y" })).ParamName);
    }
}
