using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class Conv1dTests
{
    [Fact]
    public void MatchesAHandComputedSequence()
    {
        // x = 1 2 3 4 5, w = (1, -1), padding 1: y = -1, -1, -1, -1, -1, 5 minus... computed below by definition.
        var x = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5 }, 1, 1, 5);
        var w = Tensor.FromArray(new float[] { 1, -1 }, 1, 1, 2);
        var y = ConvFunctional.Conv1d(x, w, padding: 1);
        // Padded 0 1 2 3 4 5 0: pairs (0,1) (1,2) (2,3) (3,4) (4,5) (5,0) -> a - b.
        Assert.Equal(new[] { 1, 1, 6 }, y.ShapeArray);
        Assert.Equal(new float[] { -1, -1, -1, -1, -1, 5 }, y.ToFloatArray());
    }

    [Theory]
    [InlineData(1, 0, 1, 1, true)]
    [InlineData(2, 1, 1, 2, false)]
    [InlineData(1, 2, 2, 1, true)]
    public void GradCheck1d(int stride, int padding, int dilation, int groups, bool bias)
    {
        var rng = new RandomGenerator(9);
        var x = Tensor.Randn([2, 4, 9], rng);
        var w = Tensor.Randn([6, 4 / groups, 3], rng);
        var b = Tensor.Randn([6], rng);
        Tensor[] inputs = bias ? [x, w, b] : [x, w];
        var r = GradCheck.Check(t => ConvFunctional.Conv1d(t[0], t[1], bias ? t[2] : null, stride, padding, dilation, groups), inputs);
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void LayerHasPyTorchShapesAndMessages()
    {
        var conv = new Conv1d(3, 8, 5, padding: 2, rng: new RandomGenerator(1));
        Assert.Equal(new[] { 8, 3, 5 }, conv.Weight.ShapeArray);
        Assert.Equal(new[] { 4, 8, 20 }, conv.Forward(Tensor.Zeros(4, 3, 20)).ShapeArray);
        Assert.Equal("Conv1d(3 -> 8, 5, padding 2)", conv.ToString());
        var ex = Assert.Throws<ShapeMismatchException>(() => conv.Forward(Tensor.Zeros(4, 20)));
        Assert.Equal("Conv1d(3 -> 8, 5) expected (N, 3, L), got (4, 20)", ex.Message);
        Assert.All(conv.Weight.ToFloatArray(), v => Assert.InRange(v, -1 / Math.Sqrt(15), 1 / Math.Sqrt(15)));
    }
}
