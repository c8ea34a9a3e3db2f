using System.Xml.Linq;
using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class DecisionBoundaryPlotTests
{
    // Four points in the corners of [-1, 1]^2, labelled by the sign of x.
    private static readonly float[] Points = [-1, -1, -1, 1, 1, -1, 1, 1];
    private static readonly int[] Labels = [0, 0, 1, 1];
    private static readonly DecisionBoundaryOptions Small = new() { Width = 300, Height = 280, Title = "sign of x" };

    // Class 1 with probability 0.9 right of x = 0, class 0 with probability 0.9 left of it.
    private static float[] SignOfX(float[] points, int count)
    {
        var output = new float[count * 2];
        for (int i = 0; i < count; i++)
        {
            bool right = points[2 * i] > 0;
            output[2 * i] = right ? 0.1f : 0.9f;
            output[2 * i + 1] = right ? 0.9f : 0.1f;
        }
        return output;
    }

    [Fact]
    public void RegionColoursFollowTheCallbacksClasses()
    {
        var plot = new DecisionBoundaryPlot(SignOfX, Points, Labels, Small);
        Canvas c = plot.ToCanvas();
        Assert.Equal(2, plot.ClassCount);
        Rgba left = DecisionBoundaryPlot.RegionColor(0, 0.9f, 2), right = DecisionBoundaryPlot.RegionColor(1, 0.9f, 2);
        Assert.NotEqual(left, right);
        foreach (double y in new[] { -0.5, 0.0, 0.6 })
        {
            foreach (double x in new[] { -0.7, -0.3 })
            {
                var (px, py) = plot.DataToPixel(x, y);
                Assert.True(PlotAssert.Distance(left, c.GetPixel((int)px, (int)py)) <= 1, $"({x}, {y}) should be class 0");
            }
            foreach (double x in new[] { 0.3, 0.7 })
            {
                var (px, py) = plot.DataToPixel(x, y);
                Assert.True(PlotAssert.Distance(right, c.GetPixel((int)px, (int)py)) <= 1, $"({x}, {y}) should be class 1");
            }
        }
    }

    [Fact]
    public void ConfidenceShadesTheRegion()
    {
        Assert.True(DecisionBoundaryPlot.RegionColor(0, 1.0, 2).Luminance < DecisionBoundaryPlot.RegionColor(0, 0.6, 2).Luminance);
        Assert.True(PlotAssert.Distance(DecisionBoundaryPlot.RegionColor(3, 0.25, 4), Rgba.White) < 60); // chance level: pale
    }

    [Fact]
    public void DataPointsAreDrawnOnTopInTheirClassColour()
    {
        var plot = new DecisionBoundaryPlot(SignOfX, Points, Labels, Small with { PointSize = 12 });
        Canvas c = plot.ToCanvas();
        for (int i = 0; i < Labels.Length; i++)
        {
            var (px, py) = plot.DataToPixel(Points[2 * i], Points[2 * i + 1]);
            Assert.True(PlotAssert.Distance(Palette.Categorical(Labels[i]), c.GetPixel((int)px, (int)py)) < 10);
            Assert.True(PlotAssert.CountNear(c, new Rgba(30, 30, 30), (int)px - 7, (int)py - 7, (int)px + 8, (int)py + 8, 40) > 8, "dark outline");
        }
    }

    [Fact]
    public void EvaluatesTheGridInBatchesOnceAndCachesIt()
    {
        var sizes = new List<int>();
        var plot = new DecisionBoundaryPlot((p, n) => { sizes.Add(n); Assert.Equal(2 * n, p.Length); return SignOfX(p, n); },
            Points, Labels, Small with { MaxBatch = 1000, GridStep = 3 });
        plot.ToCanvas();
        int calls = sizes.Count;
        Assert.True(calls > 3, $"{calls} calls");
        Assert.All(sizes, n => Assert.True(n <= 1000));
        // Equal chunks of whole grid rows, then whatever rows are left.
        Assert.All(sizes.SkipLast(1), n => Assert.Equal(sizes[0], n));
        Assert.InRange(sizes[^1], 1, sizes[0]);
        plot.ToSvg();
        plot.ToCanvas();
        Assert.Equal(calls, sizes.Count);
    }

    [Fact]
    public void GridStepOneEvaluatesEveryPixelOfThePlotArea()
    {
        int total = 0;
        var plot = new DecisionBoundaryPlot((p, n) => { total += n; return SignOfX(p, n); }, Points, Labels, Small with { GridStep = 1 });
        Canvas c = plot.ToCanvas();
        // The plot area is the region inside the frame: every one of its pixels was evaluated once.
        var (x0, y0) = plot.DataToPixel(plot.XTicks.Min, plot.YTicks.Max);
        var (x1, y1) = plot.DataToPixel(plot.XTicks.Max, plot.YTicks.Min);
        Assert.Equal((int)Math.Round(x1 - x0) * (int)Math.Round(y1 - y0), total);
        Assert.Equal(Palette.Ink, c.GetPixel((int)x0 - 1, (int)((y0 + y1) / 2))); // the frame
    }

    [Fact]
    public void SingleOutputIsReadAsTheProbabilityOfClassOne()
    {
        var plot = new DecisionBoundaryPlot((p, n) => Enumerable.Range(0, n).Select(i => p[2 * i + 1] > 0 ? 0.95f : 0.05f).ToArray(),
            Points, [0, 1, 0, 1], Small);
        Canvas c = plot.ToCanvas();
        var (px, py) = plot.DataToPixel(0, 0.5);
        Assert.True(PlotAssert.Distance(DecisionBoundaryPlot.RegionColor(1, 0.95f, 2), c.GetPixel((int)px, (int)py)) <= 1);
        var (qx, qy) = plot.DataToPixel(0, -0.5);
        Assert.True(PlotAssert.Distance(DecisionBoundaryPlot.RegionColor(0, 0.95f, 2), c.GetPixel((int)qx, (int)qy)) <= 1);
    }

    [Fact]
    public void ThreeClassesGetThreeColours()
    {
        float[] ThirdByAngle(float[] p, int n)
        {
            var o = new float[n * 3];
            for (int i = 0; i < n; i++)
            {
                double angle = Math.Atan2(p[2 * i + 1], p[2 * i]) + Math.PI; // 0..2pi
                o[i * 3 + Math.Min(2, (int)(angle / (2 * Math.PI / 3)))] = 1;
            }
            return o;
        }
        var plot = new DecisionBoundaryPlot(ThirdByAngle, Points, [0, 1, 2, 2], Small with { ClassNames = ["a", "b", "c"] });
        Canvas c = plot.ToCanvas();
        Assert.Equal(3, plot.ClassCount);
        for (int k = 0; k < 3; k++)
        {
            double angle = (k + 0.5) * 2 * Math.PI / 3 - Math.PI;
            var (px, py) = plot.DataToPixel(0.5 * Math.Cos(angle), 0.5 * Math.Sin(angle));
            Assert.True(PlotAssert.Distance(DecisionBoundaryPlot.RegionColor(k, 1, 3), c.GetPixel((int)px, (int)py)) <= 1, $"class {k}");
        }
    }

    [Fact]
    public void EqualAspectGivesBothAxesTheSameScale()
    {
        float[] wide = [0, 0, 10, 1, 5, 0.5f];
        var plot = new DecisionBoundaryPlot((p, n) => new float[n * 2].Select((_, i) => i % 2 == 0 ? 1f : 0f).ToArray(), wide, [0, 0, 0], Small);
        var (ax, ay) = plot.DataToPixel(0, 0);
        var (bx, _) = plot.DataToPixel(1, 0);
        var (_, cy) = plot.DataToPixel(0, 1);
        Assert.Equal(bx - ax, ay - cy, 3);
        Assert.True(plot.XTicks.Min <= -0.9 && plot.XTicks.Max >= 10.9);
    }

    [Fact]
    public void BadCallbacksAndLabelsAreReported()
    {
        var tooFewClasses = new DecisionBoundaryPlot(SignOfX, Points, [0, 0, 1, 2], Small);
        Assert.Contains("only 2 classes", Assert.Throws<ArgumentException>(() => tooFewClasses.ToCanvas()).Message);
        var wrongLength = new DecisionBoundaryPlot((p, n) => new float[n * 2 + 1], Points, Labels, Small);
        Assert.Contains("expected a multiple", Assert.Throws<InvalidOperationException>(() => wrongLength.ToCanvas()).Message);
        var nan = new DecisionBoundaryPlot((p, n) => Enumerable.Repeat(float.NaN, n * 2).ToArray(), Points, Labels, Small);
        Assert.Contains("non-finite", Assert.Throws<InvalidOperationException>(() => nan.ToCanvas()).Message);
        Assert.Throws<ArgumentException>(() => new DecisionBoundaryPlot(SignOfX, Points, [0, 1], Small));
        Assert.Throws<ArgumentException>(() => new DecisionBoundaryPlot(SignOfX, [], [], Small));
        Assert.Equal("GridStep", Assert.Throws<ArgumentOutOfRangeException>(() => Small with { GridStep = 0 }).ParamName);
    }

    [Fact]
    public void PngAndSvgAreValid()
    {
        var plot = new DecisionBoundaryPlot(SignOfX, Points, Labels, Small with { ClassNames = ["left", "right & <up>"] });
        PlotAssert.ValidPng(plot.ToPng(), 300, 280);
        XDocument doc = PlotAssert.ValidSvg(plot.ToSvg(), 300, 280);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Single(doc.Descendants(ns + "image"));
        Assert.Equal(4 + 2, doc.Descendants(ns + "circle").Count()); // data points + legend markers
        Assert.Contains("right & <up>", doc.Descendants(ns + "text").Select(t => t.Value));
    }
}
