using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public class BarChartTests
{
    [Fact]
    public void BarHeightsAreProportionalToTheValues()
    {
        var chart = new BarChart([0.2, 0.5, 0.3], new BarChartOptions { YMin = 0, YMax = 1 });
        var heights = Enumerable.Range(0, 3).Select(k => chart.BarRectangle(k).Height).ToArray();
        Assert.Equal(2.5, heights[1] / heights[0], 1);
        Assert.Equal(1.5, heights[2] / heights[0], 1);
        PlotAssert.ValidPng(chart.ToPng(), chart.Width, chart.Height);
        var png = chart.ToCanvas();
        var (x, y, w, h) = chart.BarRectangle(1);
        Assert.Equal(Palette.Categorical(0), png.GetPixel((int)(x + w / 2), (int)(y + h / 2)));
        PlotAssert.ValidSvg(chart.ToSvg(), chart.Width, chart.Height);
    }

    [Fact]
    public void NegativeBarsHangBelowZero()
    {
        var chart = new BarChart([-1, 2]);
        var neg = chart.BarRectangle(0);
        var pos = chart.BarRectangle(1);
        Assert.Equal(neg.Top, pos.Top + pos.Height, 6); // both meet at the zero line
        Assert.Equal(2, pos.Height / neg.Height, 1);
    }

    [Fact]
    public void BadInputsThrow()
    {
        Assert.Throws<ArgumentException>(() => new BarChart([]));
        Assert.Throws<ArgumentException>(() => new BarChart([double.NaN]));
        Assert.Equal("ValueDecimals", Assert.Throws<ArgumentOutOfRangeException>(() => new BarChartOptions { ValueDecimals = 7 }).ParamName);
    }
}
