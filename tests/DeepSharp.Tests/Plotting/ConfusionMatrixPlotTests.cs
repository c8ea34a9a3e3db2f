using System.Xml.Linq;
using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class ConfusionMatrixPlotTests
{
    private static readonly int[,] Matrix = { { 90, 10, 0 }, { 5, 40, 5 }, { 0, 0, 7 } };

    [Fact]
    public void CellsAreShadedByTheirShareOfTheRow()
    {
        var plot = new ConfusionMatrixPlot(Matrix, ["cat", "dog", "bird"]);
        Assert.Equal(0.9, plot.Intensity(0, 0), 12);
        Assert.Equal(0.1, plot.Intensity(1, 0), 12);
        Assert.Equal(1.0, plot.Intensity(2, 2), 12);
        Canvas c = plot.ToCanvas();
        for (int r = 0; r < 3; r++)
            for (int p = 0; p < 3; p++)
            {
                var (x, y) = plot.CellOrigin(r, p);
                Assert.Equal(Palette.Sequential(plot.Intensity(r, p)), c.GetPixel(x + 2, y + 2)); // corner: clear of the count
            }
    }

    [Fact]
    public void ShadingByLargestCountWhenAsked()
    {
        var plot = new ConfusionMatrixPlot(Matrix, null, new ConfusionMatrixOptions { ShadeByRow = false });
        Assert.Equal(1.0, plot.Intensity(0, 0), 12);
        Assert.Equal(7 / 90.0, plot.Intensity(2, 2), 12);
    }

    [Fact]
    public void CountsAreWrittenInContrastingColours()
    {
        var plot = new ConfusionMatrixPlot(Matrix);
        Canvas c = plot.ToCanvas();
        int size = plot.Options.CellSize;
        var (dx, dy) = plot.CellOrigin(2, 2); // darkest cell: white digits
        Assert.True(PlotAssert.CountNear(c, Rgba.White, dx + 4, dy + 4, dx + size - 4, dy + size - 4, 1) > 10);
        var (lx, ly) = plot.CellOrigin(0, 2); // empty cell: dark digits
        Assert.True(PlotAssert.CountNear(c, Palette.Ink, lx + 4, ly + 4, lx + size - 4, ly + size - 4, 1) > 10);
    }

    [Fact]
    public void LongNamesTurnTheColumnLabels()
    {
        var shortNames = new ConfusionMatrixPlot(Matrix, ["a", "b", "c"]);
        var longNames = new ConfusionMatrixPlot(Matrix, ["T-shirt/top", "Trouser", "Ankle boot"]);
        Assert.True(longNames.Height - shortNames.Height >= Canvas.MeasureText("T-shirt/top", 2).Width - 20);
    }

    [Fact]
    public void PngAndSvgAreValidWithEscapedLabels()
    {
        var plot = new ConfusionMatrixPlot(Matrix, ["a<b", "c&d", "\"e\""]);
        PlotAssert.ValidPng(plot.ToPng(), plot.Width, plot.Height);
        XDocument doc = PlotAssert.ValidSvg(plot.ToSvg(), plot.Width, plot.Height);
        var texts = doc.Descendants(XName.Get("text", "http://www.w3.org/2000/svg")).Select(t => t.Value).ToList();
        Assert.Contains("a<b", texts);
        Assert.Contains("\"e\"", texts);
        Assert.Contains("90", texts);
        Assert.Contains("Predicted", texts);
        Assert.Contains("True", texts);
    }

    [Fact]
    public void RejectsInvalidMatrices()
    {
        Assert.Throws<ArgumentException>(() => new ConfusionMatrixPlot(new int[2, 3]));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrixPlot(new int[0, 0]));
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => new ConfusionMatrixPlot(new[,] { { 1, -1 }, { 0, 0 } })).Message);
        Assert.Equal("classNames", Assert.Throws<ArgumentException>(() => new ConfusionMatrixPlot(Matrix, ["a"])).ParamName);
        Assert.Equal("CellSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrixOptions { CellSize = 2 }).ParamName);
    }
}
