using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Autograd;

public class SmokeTests
{
    [Fact]
    public void BroadcastAddAndBackward()
    {
        var a = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3).RequireGrad();
        var b = Tensor.FromArray(new float[] { 10, 20, 30 }, 3).RequireGrad();
        var y = (a + b) * a;
        Assert.Equal(new float[] { 11, 44, 99, 56, 125, 216 }, y.ToArray<float>());
        y.Sum().Backward();
        // d/da (a+b)a = 2a + b ; d/db = a summed over rows
        Assert.Equal(new float[] { 12, 24, 36, 18, 30, 42 }, a.Grad!.ToArray<float>());
        Assert.Equal(new float[] { 5, 7, 9 }, b.Grad!.ToArray<float>());
    }

    [Fact]
    public void MatMulGradCheck()
    {
        var rng = new RandomGenerator(3);
        var a = Tensor.Randn([3, 4], rng);
        var b = Tensor.Randn([4, 5], rng);
        var r = GradCheck.Check(x => x[0].MatMul(x[1]).Tanh(), [a, b]);
        Assert.True(r.Passed, r.ToString());
        var c = Tensor.Randn([2, 3, 4], rng);
        var r2 = GradCheck.Check(x => x[0].MatMul(x[1]).Transpose(0, 1).Exp().Sum(1), [c, b]);
        Assert.True(r2.Passed, r2.ToString());
    }

    [Fact]
    public void ReductionsGradCheck()
    {
        var rng = new RandomGenerator(5);
        var a = Tensor.Randn([2, 3, 4], rng);
        Assert.True(GradCheck.Check(x => x[0].LogSumExp([1]), [a]).Passed);
        Assert.True(GradCheck.Check(x => x[0].Var([0, 2]), [a]).Passed);
        Assert.True(GradCheck.Check(x => x[0].Max(2), [a]).Passed);
        Assert.True(GradCheck.Check(x => x[0].Permute(2, 0, 1).Narrow(1, 1, 1).Mean(), [a]).Passed);
    }

    [Fact]
    public void ShapeMismatchNamesBothShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(64, 784).MatMul(Tensor.Zeros(128, 10)));
        Assert.Equal("MatMul: (64, 784) x (128, 10): inner dimensions 784 and 128 differ.", ex.Message);
    }
}
