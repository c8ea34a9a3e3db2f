using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

/// <summary>Flatten and Reshape, the glue between convolutional and fully connected layers.</summary>
public class ConvShapeLayersTests
{
    [Fact]
    public void FlattenKeepsTheBatchAndIsDifferentiable()
    {
        var x = Tensor.Randn([4, 16, 5, 5], new RandomGenerator(1));
        var y = new Flatten().Forward(x);
        Assert.Equal(new[] { 4, 400 }, y.ShapeArray);
        Assert.Equal(x.ToFloatArray(), y.ToFloatArray());
        Assert.Equal(new[] { 4, 80, 5 }, new Flatten(1, 2).Forward(x).ShapeArray);
        var small = Tensor.Randn([2, 3, 2, 2], new RandomGenerator(2));
        var r = GradCheck.Check(t => ConvFunctional.Flatten(t[0]).Tanh(), [small]);
        Assert.True(r.Passed, r.ToString());
        var r2 = GradCheck.Check(t => ConvFunctional.Flatten(t[0].Permute(0, 2, 3, 1), 1, 2).Square(), [small]);
        Assert.True(r2.Passed, r2.ToString());
    }

    [Fact]
    public void FlattenRejectsTooFewDimensions()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => new Flatten().Forward(Tensor.Zeros(5)));
        Assert.Equal("Flatten(startDim 1, endDim -1) expected at least 2 dimensions, got (5,)", ex.Message);
        Assert.Equal("Flatten()", new Flatten().ToString());
    }

    [Fact]
    public void ReshapeKeepsTheBatchDimension()
    {
        var x = Tensor.Randn([3, 784], new RandomGenerator(3));
        var y = new Reshape(1, 28, 28).Forward(x);
        Assert.Equal(new[] { 3, 1, 28, 28 }, y.ShapeArray);
        Assert.Equal(new[] { 3, 4, 196 }, new Reshape(4, -1).Forward(x).ShapeArray);
        var small = Tensor.Randn([2, 6], new RandomGenerator(4));
        var r = GradCheck.Check(t => new Reshape(3, 2).Forward(t[0]).Exp(), [small]);
        Assert.True(r.Passed, r.ToString());
        Assert.Equal("Reshape(1, 28, 28)", new Reshape(1, 28, 28).ToString());
    }

    [Fact]
    public void ReshapeReportsAMismatch()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => new Reshape(1, 28, 28).Forward(Tensor.Zeros(64, 100)));
        Assert.Equal("Reshape(1, 28, 28) expected (N, ...) with 784 elements per sample, got (64, 100)", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => new Reshape(3, -1).Forward(Tensor.Zeros(2, 7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Reshape(-1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Reshape(0, 4));
    }
}
