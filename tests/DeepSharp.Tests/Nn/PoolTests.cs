using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class PoolTests
{
    /// <summary>Distinct, well separated values so max pooling is differentiable at the point checked.
    /// Float32 on purpose: GradCheck converts its inputs to Float64 itself.</summary>
    private static Tensor Distinct(int[] shape, ulong seed)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var perm = new RandomGenerator(seed).Permutation(n);
        return Tensor.FromArray(perm.Select(v => (float)v / n - 0.5f).ToArray(), shape);
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    [InlineData(3, 1, 0)]
    [InlineData(2, 3, 1)]
    public void MaxPoolGradCheck(int kernel, int stride, int padding)
    {
        var x = Distinct([2, 3, 7, 6], (ulong)(kernel * 10 + stride));
        var r = GradCheck.Check(t => ConvFunctional.MaxPool2d(t[0], kernel, stride, padding), [x]);
        Assert.True(r.Passed, r.ToString());
    }

    [Theory]
    [InlineData(2, 2, 0, true)]
    [InlineData(3, 2, 1, true)]
    [InlineData(3, 2, 1, false)]
    [InlineData(3, 1, 1, false)]
    public void AvgPoolGradCheck(int kernel, int stride, int padding, bool countIncludePad)
    {
        var x = Tensor.Randn([2, 2, 7, 6], new RandomGenerator(5));
        var r = GradCheck.Check(t => ConvFunctional.AvgPool2d(t[0], kernel, stride, padding, countIncludePad), [x]);
        Assert.True(r.Passed, r.ToString());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 7)]
    public void AdaptiveAvgPoolGradCheck(int outH, int outW)
    {
        var x = Tensor.Randn([2, 2, 5, 7], new RandomGenerator(6));
        var r = GradCheck.Check(t => ConvFunctional.AdaptiveAvgPool2d(t[0], (outH, outW)), [x]);
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void LeNetSubsamplingValues()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 5, 6, 3, 4, 7, 8, -1, -2, 0, 0, -3, -4, 0, 9 }, 1, 1, 4, 4);
        Assert.Equal(new float[] { 4, 8, -1, 9 }, new MaxPool2d(2).Forward(x).ToFloatArray());
        Assert.Equal(new float[] { 2.5f, 6.5f, -2.5f, 2.25f }, new AvgPool2d(2).Forward(x).ToFloatArray());
        Assert.Equal(new float[] { 35f / 16 }, new AdaptiveAvgPool2d(1).Forward(x).ToFloatArray());
    }

    [Fact]
    public void PaddingCountsInTheAverageOnlyWhenAsked()
    {
        var x = Tensor.Ones(1, 1, 2, 2);
        // 3x3 windows, stride 2, padding 1 over 2x2 ones: each window covers one input element of 9 slots... here 4 of 9.
        Assert.Equal(new float[] { 4f / 9 }, ConvFunctional.AvgPool2d(x, 3, 2, 1).ToFloatArray());
        Assert.Equal(new float[] { 1f }, ConvFunctional.AvgPool2d(x, 3, 2, 1, countIncludePad: false).ToFloatArray());
    }

    [Fact]
    public void OutputShapesAndStrideDefault()
    {
        Assert.Equal(new[] { 8, 6, 14, 14 }, new MaxPool2d(2).Forward(Tensor.Zeros(8, 6, 28, 28)).ShapeArray);
        Assert.Equal(new[] { 8, 16, 5, 5 }, new AvgPool2d(2).Forward(Tensor.Zeros(8, 16, 10, 10)).ShapeArray);
        Assert.Equal(new[] { 1, 1, 4, 4 }, new MaxPool2d(3, 2, 1).Forward(Tensor.Zeros(1, 1, 7, 7)).ShapeArray);
        Assert.Equal(new[] { 1, 1, 3, 3 }, new MaxPool2d(3, stride: 2).Forward(Tensor.Zeros(1, 1, 7, 8)).ShapeArray);
        Assert.Equal(new[] { 2, 3, 1, 1 }, new AdaptiveAvgPool2d(1).Forward(Tensor.Zeros(2, 3, 5, 9)).ShapeArray);
    }

    [Fact]
    public void ErrorsNameTheExpectedInput()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => new MaxPool2d(2).Forward(Tensor.Zeros(64, 784)));
        Assert.Equal("MaxPool2d(2x2) expected (N, C, H, W), got (64, 784)", ex.Message);
        var small = Assert.Throws<ShapeMismatchException>(() => new AvgPool2d(5).Forward(Tensor.Zeros(1, 1, 3, 8)));
        Assert.Equal("AvgPool2d(5x5) with padding (0, 0): the window is larger than the padded input 3x8 (input (1, 1, 3, 8)).", small.Message);
        Assert.Equal("Padding", Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2d(2, padding: 2)).ParamName);
        Assert.Equal("Stride", Assert.Throws<ArgumentOutOfRangeException>(() => new AvgPool2d(2, stride: 0)).ParamName);
        Assert.Equal("KernelSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Pool2dOptions(0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveAvgPool2d(0));
        Assert.Equal("MaxPool2d(3x3, stride (2, 2), padding (1, 1))", new MaxPool2d(3, 2, 1).ToString());
        Assert.Equal("AvgPool2d(2x2)", new AvgPool2d(2).ToString());
    }
}
