using System.Globalization;
using System.Xml.Linq;
using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class SvgWriterTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    [Fact]
    public void WritesWellFormedElementsForEveryPrimitive()
    {
        var svg = new SvgWriter(120, 80, Rgba.White);
        svg.Line(0, 0, 10, 10, Rgba.Black, 1.5);
        svg.Polyline([(0, 0), (5, 5), (10, 0)], new Rgba(255, 0, 0, 128), 2);
        svg.Rect(1, 2, 3, 4, new Rgba(0, 255, 0), Rgba.Black);
        svg.Circle(50, 40, 5, null, Rgba.Black);
        svg.Polygon([(0, 0), (5, 0), (0, 5)], Rgba.Black);
        svg.Text(10, 20, "loss", Rgba.Black, 12, TextAlign.Center, -90);
        svg.Image(new Canvas(3, 2), 5, 5, 30, 20);

        XDocument doc = PlotAssert.ValidSvg(svg.ToString(), 120, 80);
        XElement root = doc.Root!;
        Assert.Single(root.Elements(Ns + "line"));
        Assert.Equal("0,0 5,5 10,0", root.Element(Ns + "polyline")!.Attribute("points")!.Value);
        Assert.Equal("0.5", root.Element(Ns + "polyline")!.Attribute("stroke-opacity")!.Value);
        Assert.Equal(2, root.Elements(Ns + "rect").Count()); // background + rect
        Assert.Equal("none", root.Element(Ns + "circle")!.Attribute("fill")!.Value);
        XElement text = root.Element(Ns + "text")!;
        Assert.Equal("loss", text.Value);
        Assert.Equal("middle", text.Attribute("text-anchor")!.Value);
        Assert.Equal("rotate(-90 10 20)", text.Attribute("transform")!.Value);
        string href = root.Element(Ns + "image")!.Attribute("href")!.Value;
        Assert.StartsWith("data:image/png;base64,", href);
        PlotAssert.ValidPng(Convert.FromBase64String(href["data:image/png;base64,".Length..]), 3, 2);
    }

    [Fact]
    public void EscapesTextSoItRoundTrips()
    {
        const string nasty = "a<b & c>d \"quoted\" 'single' ]]> <!-- x -->";
        var svg = new SvgWriter(10, 10);
        svg.Text(0, 0, nasty, Rgba.Black, 10);
        XDocument doc = XDocument.Parse(svg.ToString());
        Assert.Equal(nasty, doc.Root!.Element(Ns + "text")!.Value);
        Assert.Equal("&lt;&amp;&gt;&quot;&apos;", SvgWriter.Escape("<&>\"'"));
    }

    [Fact]
    public void ReplacesCharactersXmlForbids()
    {
        string text = "bell\u0007 nul\0 lone\uD800 pair\uD83D\uDE00 tab\t";
        var svg = new SvgWriter(10, 10);
        svg.Text(0, 0, text, Rgba.Black, 10);
        string value = XDocument.Parse(svg.ToString()).Root!.Element(Ns + "text")!.Value;
        Assert.Equal("bell\uFFFD nul\uFFFD lone\uFFFD pair\uD83D\uDE00 tab\t", value);
    }

    [Fact]
    public void NumbersUseTheInvariantCulture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var svg = new SvgWriter(10, 10);
            svg.Line(0.5, 1.25, 2.126, 3, Rgba.Black);
            XElement line = XDocument.Parse(svg.ToString()).Root!.Element(Ns + "line")!;
            Assert.Equal("0.5", line.Attribute("x1")!.Value);
            Assert.Equal("2.13", line.Attribute("x2")!.Value);
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    [Fact]
    public void SaveWritesUtf8WithoutBom()
    {
        string dir = PlotAssert.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "a.svg");
            var svg = new SvgWriter(10, 10);
            svg.Text(0, 0, "accuracy ≥ 90 %", Rgba.Black, 10);
            svg.Save(path);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'<', bytes[0]);
            Assert.Contains("accuracy ≥ 90 %", XDocument.Load(path).Root!.Element(Ns + "text")!.Value);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void RejectsNonFiniteCoordinates()
        => Assert.Throws<ArgumentException>(() => new SvgWriter(10, 10).Line(0, double.NaN, 1, 1, Rgba.Black));
}
