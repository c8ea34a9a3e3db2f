using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class ModelSummaryTests
{
    [Fact]
    public void MnistMlpHas11935Parameters()
    {
        var model = new Sequential(new Linear(784, 15), new Sigmoid(), new Linear(15, 10));
        var summary = model.Summary(784);
        Assert.Equal(11_935, summary.TotalParameters);
        Assert.Equal(11_935, summary.TrainableParameters);
        Assert.Equal(0, summary.NonTrainableParameters);
        Assert.Equal([1, 784], summary.InputShape);
        Assert.Equal(["0", "1", "2"], summary.Rows.Select(r => r.Name));
        Assert.Equal([11_775L, 0, 160], summary.Rows.Select(r => r.ParameterCount));
        Assert.Equal([1, 10], summary.OutputShape);
        Assert.Equal([1, 15], summary.Rows[1].OutputShape);
        string text = summary.ToString();
        Assert.Contains("Linear(784 -> 15)", text);
        Assert.Contains("(N, 15)", text);
        Assert.Contains("11,775", text);
        Assert.Contains("Total params: 11,935", text);
    }

    [Fact]
    public void LectureNetwork8_9_9_9_4()
    {
        // (8·9 + 9) + 2·(9·9 + 9) + (9·4 + 4) = 81 + 180 + 40 = 301 weights and biases.
        var model = new Sequential(
            new Linear(8, 9), new Sigmoid(), new Linear(9, 9), new Sigmoid(),
            new Linear(9, 9), new Sigmoid(), new Linear(9, 4), new Sigmoid());
        var summary = model.Summary(8);
        Assert.Equal(301, summary.TotalParameters);
        Assert.Equal(model.ParameterCount, summary.TotalParameters);
        Assert.Equal(8, summary.Rows.Count);
        Assert.Equal([1, 4], summary.OutputShape);
    }

    [Fact]
    public void NestedContainersFrozenParametersAndModesAreHandled()
    {
        var inner = new Sequential(new Linear(6, 5), new Dropout(0.5));
        var model = new Sequential(new Linear(4, 6), inner, new Linear(5, 2));
        model[0].Parameters().First().RequiresGrad = false; // freeze 0.weight (24 scalars)
        inner.Eval();
        var summary = model.Summary(4);
        Assert.Equal(["0", "1.0", "1.1", "2"], summary.Rows.Select(r => r.Name));
        Assert.Equal(30 + 35 + 12, summary.TotalParameters);
        Assert.Equal(24, summary.NonTrainableParameters);
        Assert.Contains("Non-trainable params: 24", summary.ToString());
        // modes restored: the outer model is still training, the inner block still evaluating
        Assert.True(model.IsTraining);
        Assert.True(model[0].IsTraining);
        Assert.False(inner.IsTraining);
        Assert.False(inner[1].IsTraining);
    }

    [Fact]
    public void ExtraSampleDimensionsAndErrors()
    {
        var model = new Sequential(new Linear(3, 2), new Softmax());
        var summary = model.Summary(7, 3);
        Assert.Equal([1, 7, 2], summary.OutputShape);
        var ex = Assert.Throws<ShapeMismatchException>(() => model.Summary(4));
        Assert.Contains("Linear(3 -> 2) expected input (N, 3), got (1, 4)", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Summary(0));
    }
}
