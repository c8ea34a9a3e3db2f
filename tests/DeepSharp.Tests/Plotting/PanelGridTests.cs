using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class PanelGridTests
{
    private static LinePlot Panel(string title, double slope, int width = 260) => new(
        [new PlotSeries("line", [0, 1, 2], [0, slope, 2 * slope])],
        new LinePlotOptions { Title = title, Width = width, Height = 200, TextScale = 1 });

    [Fact]
    public void PanelsAppearAtTheirOriginsExactlyAsWhenDrawnAlone()
    {
        LinePlot[] panels = [Panel("one", 1), Panel("three", 3), Panel("fifty", 50)];
        var grid = new PanelGrid(panels, columns: 2, title: "Depth");
        Assert.Equal(2, grid.Columns);
        Assert.True(grid.Width >= 2 * 260 && grid.Width < 3 * 260);
        Assert.True(grid.Height > 2 * 200);
        Canvas all = grid.ToCanvas();
        for (int i = 0; i < panels.Length; i++)
        {
            Canvas alone = panels[i].ToCanvas();
            var (ox, oy) = grid.PanelOrigin(i);
            for (int y = 0; y < alone.Height; y += 7)
                for (int x = 0; x < alone.Width; x += 5)
                    Assert.Equal(alone.GetPixel(x, y), all.GetPixel(ox + x, oy + y));
        }
        Assert.True(grid.PanelOrigin(2).Y > grid.PanelOrigin(0).Y);
        Assert.Equal(grid.PanelOrigin(0).X, grid.PanelOrigin(2).X);
    }

    [Fact]
    public void SmallerPanelsAreCentredInTheirCells()
    {
        var grid = new PanelGrid([Panel("wide", 1, 300), Panel("narrow", 1, 200)]);
        Assert.Equal(0, grid.PanelOrigin(0).X);
        Assert.Equal(300 + 8 + 50, grid.PanelOrigin(1).X);
    }

    [Fact]
    public void OutputsAreValidAndArgumentsChecked()
    {
        var grid = new PanelGrid([Panel("a", 1), Panel("b", 2)], title: "A & B");
        PlotAssert.ValidPng(grid.ToPng(), grid.Width, grid.Height);
        PlotAssert.ValidSvg(grid.ToSvg(), grid.Width, grid.Height);
        Assert.Throws<ArgumentException>(() => new PanelGrid([]));
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => new PanelGrid([Panel("a", 1)], -1)).ParamName);
    }
}
