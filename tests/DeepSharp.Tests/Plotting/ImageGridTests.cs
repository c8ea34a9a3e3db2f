using System.Xml.Linq;
using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class ImageGridTests
{
    // Three 2x3 images: a ramp, values out of range, and NaN.
    private static readonly float[] Images =
    [
        0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f,
        -1f, 2f, 0.5f, 0.5f, 0.5f, 0.5f,
        float.NaN, 1f, 1f, 1f, 1f, 1f,
    ];

    [Fact]
    public void EachImagePixelBecomesAScaledGrayBlock()
    {
        var grid = new ImageGrid(Images, 3, 2, 3, options: new ImageGridOptions { Scale = 4, Columns = 2 });
        Assert.Equal(2, grid.Columns);
        Canvas c = grid.ToCanvas();
        float[] expected = [0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f, 0f, 1f, 0.5f, 0.5f, 0.5f, 0.5f, 0f, 1f, 1f, 1f, 1f, 1f];
        for (int i = 0; i < 3; i++)
        {
            var (ox, oy) = grid.ImageOrigin(i);
            for (int y = 0; y < 2 * 4; y++)
                for (int x = 0; x < 3 * 4; x++)
                {
                    byte g = (byte)Math.Round(expected[i * 6 + (y / 4) * 3 + x / 4] * 255);
                    Assert.Equal(new Rgba(g, g, g), c.GetPixel(ox + x, oy + y));
                }
        }
        Assert.True(grid.ImageOrigin(2).Y > grid.ImageOrigin(0).Y);
    }

    [Fact]
    public void InvertTurnsZeroWhite()
    {
        var grid = new ImageGrid(Images, 3, 2, 3, options: new ImageGridOptions { Invert = true, Scale = 1 });
        var (ox, oy) = grid.ImageOrigin(0);
        Assert.Equal(Rgba.White, grid.ToCanvas().GetPixel(ox, oy));
    }

    [Fact]
    public void CaptionsAreDrawnUnderTheirImagesInTheirColours()
    {
        string[] captions = ["T:Coat\nP:Coat", "T:Shirt\nP:Bag", ""];
        Rgba[] colors = [Palette.Ink, Palette.Wrong, Palette.Ink];
        var grid = new ImageGrid(Images, 3, 2, 3, captions, colors, new ImageGridOptions { Columns = 3, Scale = 3 });
        Canvas c = grid.ToCanvas();
        int CaptionInk(int i, Rgba color)
        {
            var (ox, oy) = grid.ImageOrigin(i);
            return PlotAssert.CountNear(c, color, ox - 25, oy + 7, ox + 35, oy + 40, 5);
        }
        Assert.True(CaptionInk(0, Palette.Ink) > 30);
        Assert.Equal(0, CaptionInk(0, Palette.Wrong));
        Assert.True(CaptionInk(1, Palette.Wrong) > 30);
        Assert.Equal(0, CaptionInk(2, Palette.Wrong));
        // Cells are wide enough for the widest caption line ("T:Shirt": 7 characters).
        Assert.True(grid.Width >= 3 * Canvas.MeasureText("T:Shirt").Width);
    }

    [Fact]
    public void PngAndSvgAreValid()
    {
        var grid = new ImageGrid(Images, 3, 2, 3, ["a<b", "c&d", null], null, new ImageGridOptions { Title = "Mistakes" });
        PlotAssert.ValidPng(grid.ToPng(), grid.Width, grid.Height);
        XDocument doc = PlotAssert.ValidSvg(grid.ToSvg(), grid.Width, grid.Height);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(3, doc.Descendants(ns + "image").Count());
        Assert.Equal(["Mistakes", "a<b", "c&d"], doc.Descendants(ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void RejectsMismatchedArguments()
    {
        Assert.Contains("Expected 3 x 2 x 2", Assert.Throws<ArgumentException>(() => new ImageGrid(Images, 3, 2, 2)).Message);
        Assert.Equal("captions", Assert.Throws<ArgumentException>(() => new ImageGrid(Images, 3, 2, 3, ["x"])).ParamName);
        Assert.Equal("captionColors", Assert.Throws<ArgumentException>(() => new ImageGrid(Images, 3, 2, 3, null, [Palette.Ink])).ParamName);
        Assert.Equal("Scale", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGridOptions { Scale = 0 }).ParamName);
    }
}
