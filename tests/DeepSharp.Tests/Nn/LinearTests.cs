using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;

namespace DeepSharp.Tests.Nn;

public class LinearTests
{
    [Fact]
    public void ComputesXWTransposedPlusB()
    {
        var layer = new Linear(3, 2);
        using (GradMode.NoGrad()) layer.Weight.CopyFrom(Tensor.FromArray(new float[] { 1, 2, 3, -1, 0, 1 }, 2, 3));
        using (GradMode.NoGrad()) layer.Bias!.CopyFrom(Tensor.FromArray(new float[] { 0.5f, -0.5f }));
        var y = layer.Forward(Tensor.FromArray(new float[] { 1, 1, 1, 2, 0, -1 }, 2, 3));
        Assert.Equal([2, 2], y.ShapeArray);
        Assert.Equal(new float[] { 6.5f, -0.5f, -0.5f, -3.5f }, y.ToArray<float>());
        Assert.Equal("Linear(3 -> 2)", layer.ToString());
    }

    [Fact]
    public void AcceptsAnyLeadingDimensions()
    {
        var layer = new Linear(4, 3, rng: new RandomGenerator(1));
        var x = Tensor.Randn([2, 5, 4], new RandomGenerator(2));
        var y = layer.Forward(x);
        Assert.Equal([2, 5, 3], y.ShapeArray);
        Close(layer.Forward(x.Reshape(10, 4)).ToDoubleArray(), y.Reshape(10, 3), 1e-6);
        Assert.Equal([3], layer.Forward(Tensor.Ones(4)).ShapeArray);
    }

    [Fact]
    public void BadInputNamesTheLayerAndBothShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => new Linear(784, 128).Forward(Tensor.Zeros(64, 28, 28)));
        Assert.Equal("Linear(784 -> 128) expected input (N, 784), got (64, 28, 28).", ex.Message);
        var f = Assert.Throws<ShapeMismatchException>(() => Functional.Linear(Tensor.Zeros(2, 5), Tensor.Zeros(3, 4)));
        Assert.Contains("(3, 4)", f.Message);
        Assert.Contains("(2, 5)", f.Message);
    }

    [Fact]
    public void DefaultInitIsUniformOneOverSqrtFanIn()
    {
        var layer = new Linear(400, 500, rng: new RandomGenerator(3));
        double bound = 1 / Math.Sqrt(400);
        var w = layer.Weight.ToDoubleArray();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        double variance = w.Select(v => v * v).Average();
        Assert.InRange(variance / (bound * bound / 3), 0.98, 1.02);
        Assert.All(layer.Bias!.ToDoubleArray(), v => Assert.InRange(v, -bound, bound));
        Assert.True(layer.Bias!.Abs().Max().Item() > 0.9 * bound);
    }

    [Fact]
    public void SeededLayersAreReproducibleAndResettable()
    {
        var a = new Linear(6, 4, rng: new RandomGenerator(5));
        var b = new Linear(6, 4, rng: new RandomGenerator(5));
        Assert.Equal(a.Weight.ToArray<float>(), b.Weight.ToArray<float>());
        Assert.Equal(a.Bias!.ToArray<float>(), b.Bias!.ToArray<float>());
        a.ResetParameters(new RandomGenerator(6));
        Assert.NotEqual(a.Weight.ToArray<float>(), b.Weight.ToArray<float>());
        var noBias = new Linear(6, 4, bias: false);
        Assert.Null(noBias.Bias);
        Assert.Equal(["weight"], noBias.NamedParameters().Select(p => p.Name));
        Assert.Equal(24, noBias.ParameterCount);
    }

    [Fact]
    public void GradCheckOfFunctionalLinear()
    {
        var r = new RandomGenerator(7);
        GradChecks(t => Functional.Linear(t[0], t[1], t[2]), Tensor.Randn([3, 4], r), Tensor.Randn([5, 4], r), Tensor.Randn([5], r));
        GradChecks(t => Functional.Linear(t[0], t[1]), Tensor.Randn([2, 3, 4], r), Tensor.Randn([5, 4], r));
    }

    [Fact]
    public void ParameterNamesAreStable()
    {
        var model = new Sequential(new Linear(4, 8), new Relu(), new Linear(8, 3), new Sequential(new Dropout(0.1), new Linear(3, 2)));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "3.1.weight", "3.1.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void MaxoutTakesTheLargestPiece()
    {
        var layer = new Maxout(1, 1, 3);
        using (GradMode.NoGrad()) layer.Weight.CopyFrom(Tensor.FromArray(new float[] { 1, -1, 0.5f }, 3, 1));
        using (GradMode.NoGrad()) layer.Bias.CopyFrom(Tensor.FromArray(new float[] { 0, 0, 1 }));
        var y = layer.Forward(Tensor.FromArray(new float[] { 2, -3, 0 }, 3, 1));
        Assert.Equal([3, 1], y.ShapeArray);
        Assert.Equal(new float[] { 2, 3, 1 }, y.ToArray<float>());
        Assert.Equal(3 + 3, layer.ParameterCount);
        Assert.Equal("Maxout(1 -> 1, pieces=3)", layer.ToString());
        Close([5, 4], Functional.Maxout(Tensor.FromArray(new double[] { 1, 5, -2, 4 }, 4), 2));
        var r = new RandomGenerator(8);
        GradChecks(t => Functional.Maxout(Functional.Linear(t[0], t[1], t[2]), 3), Tensor.Randn([4, 3], r), Tensor.Randn([6, 3], r), Tensor.Randn([6], r));
        Assert.Throws<ShapeMismatchException>(() => Functional.Maxout(Tensor.Zeros(2, 5), 2));
    }
}
