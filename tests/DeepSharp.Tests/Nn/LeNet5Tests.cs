using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class LeNet5Tests
{
    [Theory]
    [InlineData(LeNetVariant.Classic)]
    [InlineData(LeNetVariant.Modern)]
    public void Has61706ParametersAndTheFamousShapes(LeNetVariant variant)
    {
        var net = Models.LeNet5(variant, new RandomGenerator(1));
        Assert.Equal(61_706, net.ParameterCount);
        var summary = net.Summary(1, 28, 28);
        Assert.Equal(61_706, summary.TotalParameters);
        Assert.Contains("Total params: 61,706", summary.ToString());
        Assert.Equal(
            [[1, 6, 28, 28], [1, 6, 28, 28], [1, 6, 14, 14], [1, 16, 10, 10], [1, 16, 10, 10], [1, 16, 5, 5], [1, 400],
             [1, 120], [1, 120], [1, 84], [1, 84], [1, 10]],
            summary.Rows.Select(r => r.OutputShape).ToArray());
        Assert.Equal(new long[] { 156, 0, 0, 2_416, 0, 0, 0, 48_120, 0, 10_164, 0, 850 }, summary.Rows.Select(r => r.ParameterCount).ToArray());
    }

    [Fact]
    public void VariantsChooseActivationAndSubsampling()
    {
        var classic = Models.LeNet5(LeNetVariant.Classic, new RandomGenerator(1));
        var modern = Models.LeNet5(LeNetVariant.Modern, new RandomGenerator(1));
        Assert.IsType<Tanh>(classic[1]);
        Assert.IsType<AvgPool2d>(classic[2]);
        Assert.IsType<Relu>(modern[1]);
        Assert.IsType<MaxPool2d>(modern[2]);
        Assert.Equal("Conv2d(1 -> 6, 5x5, padding (2, 2))", modern[0].ToString());
        // The same seed gives the same parameters in both variants (initialization does not depend on it).
        Assert.Equal(classic.Parameters().Select(p => p.ToFloatArray()), modern.Parameters().Select(p => p.ToFloatArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => Models.LeNet5((LeNetVariant)7));
    }

    [Fact]
    public void ForwardAndBackwardReachEveryParameter()
    {
        var net = Models.LeNet5(LeNetVariant.Modern, new RandomGenerator(2));
        var x = Tensor.Rand([3, 1, 28, 28], new RandomGenerator(3));
        var logits = net.Forward(x);
        Assert.Equal(new[] { 3, 10 }, logits.ShapeArray);
        Functional.CrossEntropy(logits, Tensor.FromArray(new[] { 1, 4, 9 }, 3)).Backward();
        foreach (var p in net.NamedParameters())
        {
            Assert.NotNull(p.Value.Grad);
            Assert.Contains(p.Value.Grad!.ToFloatArray(), v => v != 0);
        }
    }

    [Fact]
    public void FlatImagesAreRejectedWithTheExpectedShape()
    {
        var net = Models.LeNet5(LeNetVariant.Modern, new RandomGenerator(1));
        var ex = Assert.Throws<ShapeMismatchException>(() => net.Forward(Tensor.Zeros(64, 784)));
        Assert.Equal("Conv2d(1 -> 6, 5x5) expected (N, 1, H, W), got (64, 784)", ex.Message);
    }
}
