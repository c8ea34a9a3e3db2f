using DeepSharp.Cli.Plots;
using DeepSharp.Plotting;
using DeepSharp.Training;

using DeepSharp.Tests.Plotting;

namespace DeepSharp.Tests.Training;

public sealed class HistoryPlotsTests
{
    [Fact]
    public void CurvesHaveALossAndAMetricPanelNamedAfterTheMetric()
    {
        var history = new History("accuracy");
        history.Add(new EpochRecord(1, 0.9, 0.6, 1.0, 0.55, 0.1, 0.5));
        history.Add(new EpochRecord(2, 0.5, 0.8, 0.6, 0.75, 0.1, 0.5));
        var curves = HistoryPlots.Curves(history);
        Assert.Equal(2, curves.Panels.Count);
        Assert.Equal("Accuracy", curves.Options.AccuracyLabel);
        var png = curves.ToPng();
        PlotAssert.ValidPng(png, curves.Width, curves.Height);
        PlotAssert.ValidSvg(curves.ToSvg(), curves.Width, curves.Height);
    }

    [Fact]
    public void WithoutMetricOrValidationOnlyTheLossPanelWithOneLine()
    {
        var history = new History();
        history.Add(new EpochRecord(1, 0.9, null, null, null, 0.1, 0.5));
        var curves = HistoryPlots.Curves(history);
        Assert.Single(curves.Panels);
        Assert.Throws<ArgumentException>(() => HistoryPlots.Curves(new History()));
    }
}
