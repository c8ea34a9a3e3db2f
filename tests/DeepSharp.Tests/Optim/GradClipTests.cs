using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Optim;

public class GradClipTests
{
    [Fact]
    public void ByGlobalNormScalesAllGradientsTogether()
    {
        var a = Tensor.Zeros(2).RequireGrad();
        var b = Tensor.Zeros(1).RequireGrad();
        var c = Tensor.Zeros(1).RequireGrad();   // no gradient: skipped
        a.Grad = Tensor.FromArray(new float[] { 3, 0 });
        b.Grad = Tensor.FromArray(new float[] { 4 });
        double norm = GradClip.ByGlobalNorm([a, b, c], 1);
        Assert.Equal(5, norm, 6);
        // coefficient 1 / (5 + 1e-6): the clipped global norm is just under 1.
        Assert.Equal(0.6f, a.Grad.ToArray<float>()[0], 5);
        Assert.Equal(0.8f, b.Grad.Item<float>(), 5);
        Assert.Null(c.Grad);
        // Under the limit nothing changes.
        Assert.Equal(1, GradClip.ByGlobalNorm([a, b], 10), 5);
        Assert.Equal(0.8f, b.Grad.Item<float>(), 5);
    }

    [Fact]
    public void ByValueClampsEachElement()
    {
        var a = Tensor.Zeros(4).RequireGrad();
        a.Grad = Tensor.FromArray(new float[] { -3, -0.5f, 0.5f, 3 });
        GradClip.ByValue([a], 1);
        Assert.Equal(new float[] { -1, -0.5f, 0.5f, 1 }, a.Grad.ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => GradClip.ByValue([a], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradClip.ByGlobalNorm([a], -1));
    }
}
