using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Training;

public class MetricsTests
{
    private static readonly Tensor Scores = Tensor.FromArray(new float[]
    {
        0.1f, 0.7f, 0.2f,   // predicts 1
        0.8f, 0.1f, 0.1f,   // predicts 0
        0.3f, 0.3f, 0.4f,   // predicts 2
        0.5f, 0.4f, 0.1f,   // predicts 0
    }, 4, 3);

    private static readonly Tensor Labels = Tensor.FromArray(new[] { 1, 0, 1, 2 });

    [Fact]
    public void AccuracyOfClassScores()
    {
        Assert.Equal(0.5, Metrics.Accuracy(Scores, Labels));
        Assert.Equal(0.5, Metrics.Accuracy(Scores, Tensor.OneHot(Labels, 3)));
        var metric = new AccuracyMetric();
        metric.Update(Scores.Narrow(0, 0, 2), Labels.Narrow(0, 0, 2));
        metric.Update(Scores.Narrow(0, 2, 2), Labels.Narrow(0, 2, 2));
        Assert.Equal(0.5, metric.Result);
        metric.Reset();
        Assert.True(double.IsNaN(metric.Result));
    }

    [Fact]
    public void AccuracyOfSingleScores()
    {
        var p = Tensor.FromArray(new float[] { 0.9f, 0.2f, 0.5f, 0.4f }, 4, 1);
        var y = Tensor.FromArray(new float[] { 1, 0, 0, 0 }, 4, 1);
        Assert.Equal(0.75, Metrics.Accuracy(p, y));               // 0.5 counts as class 1
        Assert.Equal(0.25, Metrics.Accuracy(p, y, threshold: 0.1f));  // everything is class 1
        Assert.Equal(0.75, Metrics.Accuracy(p.Reshape(4), Tensor.FromArray(new[] { 1, 0, 0, 0 })));
    }

    [Fact]
    public void TopKAccuracy()
    {
        // Sample 2 (label 1): scores 0.3, 0.3, 0.4: class 1 ties with class 0, which wins the tie: rank 3.
        // Sample 3 (label 2): lowest score: rank 3.
        Assert.Equal(0.5, Metrics.TopKAccuracy(Scores, Labels, 1));
        Assert.Equal(0.5, Metrics.TopKAccuracy(Scores, Labels, 2));
        Assert.Equal(1.0, Metrics.TopKAccuracy(Scores, Labels, 3));
        Assert.Equal("top2_accuracy", new TopKAccuracyMetric(2).Name);
    }

    [Fact]
    public void ConfusionMatrixWithPrecisionRecallAndF1()
    {
        var m = Metrics.Confusion(Scores, Labels);
        // actual 0 -> 0; actual 1 -> 1 and 2; actual 2 -> 0.
        Assert.Equal(1, m[0, 0]);
        Assert.Equal(1, m[1, 1]);
        Assert.Equal(1, m[1, 2]);
        Assert.Equal(1, m[2, 0]);
        Assert.Equal(4, m.Total);
        Assert.Equal(0.5, m.Accuracy);
        Assert.Equal(0.5, m.Precision(0));   // predicted 0 twice, once right
        Assert.Equal(1.0, m.Recall(0));
        Assert.Equal(2.0 / 3, m.F1(0), 12);
        Assert.Equal(1.0, m.Precision(1));
        Assert.Equal(0.5, m.Recall(1));
        Assert.Equal(0.0, m.Precision(2));
        Assert.Equal(0.0, m.F1(2));
        Assert.Equal((2.0 / 3 + 2.0 / 3 + 0) / 3, m.MacroF1, 12);
        Assert.Contains("precision", m.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(3, 0));
    }

    [Fact]
    public void RegressionMetrics()
    {
        var p = Tensor.FromArray(new float[] { 1, 2, 3, 5 });
        var y = Tensor.FromArray(new float[] { 1, 3, 3, 3 });
        // errors 0, -1, 0, 2: MSE 5/4, MAE 3/4; ȳ = 2.5, SST = 2.25 + 0.25 + 0.25 + 0.25 = 3: R² = 1 - 5/3
        Assert.Equal(1.25, Metrics.MeanSquaredError(p, y));
        Assert.Equal(0.75, Metrics.MeanAbsoluteError(p, y));
        Assert.Equal(1 - 5.0 / 3, Metrics.R2(p, y), 12);
        Assert.Equal(1, Metrics.R2(y, y));
        var r2 = new R2Metric();
        r2.Update(p.Narrow(0, 0, 1), y.Narrow(0, 0, 1));
        r2.Update(p.Narrow(0, 1, 3), y.Narrow(0, 1, 3));
        Assert.Equal(1 - 5.0 / 3, r2.Result, 12);
        Assert.False(new MeanSquaredErrorMetric().HigherIsBetter);
        Assert.Throws<ArgumentException>(() => Metrics.MeanSquaredError(p, Tensor.Zeros(3)));
    }
}
