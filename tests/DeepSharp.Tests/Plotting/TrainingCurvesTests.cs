using System.Xml.Linq;
using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class TrainingCurvesTests
{
    private static readonly double[] Epochs = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly double[] TrainLoss = [2.0, 1.5, 1.1, 0.8, 0.6, 0.45, 0.35, 0.3];
    private static readonly double[] ValLoss = [2.1, 1.7, 1.3, 1.0, 0.85, 0.8, 0.78, 0.8];
    private static readonly double[] TrainAcc = [0.3, 0.5, 0.62, 0.72, 0.8, 0.85, 0.89, 0.91];
    private static readonly double[] ValAcc = [0.28, 0.45, 0.58, 0.66, 0.71, 0.73, 0.74, 0.74];

    [Fact]
    public void TwoPanelsSideBySideWithLossAndAccuracy()
    {
        var curves = new TrainingCurves(Epochs, TrainLoss, ValLoss, TrainAcc, ValAcc);
        Assert.Equal(2, curves.Panels.Count);
        Assert.True(curves.Width >= 2 * curves.Options.PanelWidth);
        Assert.Equal(curves.Options.PanelHeight, curves.Height);
        Assert.Equal("Loss", curves.Panels[0].Options.Title);
        Assert.Equal("Accuracy", curves.Panels[1].Options.Title);
        Assert.Equal(1, curves.Panels[0].XTicks.Step); // whole epochs

        Canvas c = curves.ToCanvas();
        PlotAssert.ValidPng(c.ToPng(), curves.Width, curves.Height);
        // The validation loss at epoch 6 sits on an orange line in the first panel.
        var (ox, oy) = curves.PanelOrigin(0);
        var (x, y) = curves.Panels[0].DataToPixel(6, 0.8);
        Assert.True(PlotAssert.CountNear(c, Palette.Categorical(1), ox + (int)x - 3, oy + (int)y - 3, ox + (int)x + 4, oy + (int)y + 4, 30) > 0);
        // The train accuracy at epoch 4 sits on a blue line in the second panel.
        var (ax, ay) = curves.PanelOrigin(1);
        var (x2, y2) = curves.Panels[1].DataToPixel(4, 0.72);
        Assert.True(PlotAssert.CountNear(c, Palette.Categorical(0), ax + (int)x2 - 3, ay + (int)y2 - 3, ax + (int)x2 + 4, ay + (int)y2 + 4, 30) > 0);
    }

    [Fact]
    public void LossOnlyGivesOnePanel()
    {
        var curves = new TrainingCurves(Epochs, TrainLoss);
        Assert.Single(curves.Panels);
        Canvas c = TrainingCurves.Render(Epochs, TrainLoss);
        Assert.Equal(curves.Width, c.Width);
    }

    [Fact]
    public void SvgIsWellFormedAndLabelled()
    {
        var curves = new TrainingCurves(Epochs, TrainLoss, ValLoss, TrainAcc, ValAcc, new TrainingCurvesOptions { Title = "Run <7> & co" });
        XDocument doc = PlotAssert.ValidSvg(curves.ToSvg(), curves.Width, curves.Height);
        var texts = doc.Descendants(XName.Get("text", "http://www.w3.org/2000/svg")).Select(t => t.Value).ToList();
        Assert.Contains("Run <7> & co", texts);
        Assert.Contains("validation", texts);
        Assert.Contains("Epoch", texts);
    }

    [Fact]
    public void LengthMismatchNamesTheArray()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingCurves(Epochs, TrainLoss, ValLoss[..3]));
        Assert.Equal("validationLoss", e.ParamName);
        Assert.Contains("one value per epoch (8), got 3", e.Message);
        Assert.Equal("PanelWidth", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingCurvesOptions { PanelWidth = 5 }).ParamName);
    }
}
