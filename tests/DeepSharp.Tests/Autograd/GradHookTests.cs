using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Autograd;

/// <summary>RetainGrad on intermediate tensors and post-accumulate hooks on leaves.</summary>
public class GradHookTests
{
    private static Tensor Leaf(params double[] values) => Tensor.FromArray(values).RequireGrad();

    [Fact]
    public void RetainGradKeepsTheFullGradientOfAnIntermediate()
    {
        var x = Leaf(1, 2);
        var h = (x * 3).RetainGrad();      // h used twice: its gradient is the sum of both uses
        var y = (h * h + h).Sum();
        y.Backward();
        Values(h.Grad!, [2], new double[] { 2 * 3 + 1, 2 * 6 + 1 });
        Values(x.Grad!, [2], new double[] { 3 * 7, 3 * 13 });
    }

    [Fact]
    public void RetainGradWithoutItLeavesIntermediatesWithoutGrad()
    {
        var x = Leaf(1, 2);
        var h = x * 3;
        (h * h).Sum().Backward();
        Assert.Null(h.Grad);
        Assert.Throws<InvalidOperationException>(() => Tensor.FromArray(new[] { 1.0 }).RetainGrad());
    }

    [Fact]
    public void PostAccumulateHookRunsOnceWithTheFinalGradient()
    {
        var w = Leaf(1, 2);
        var b = Leaf(5);
        var seen = new List<(string Name, double[] Grad)>();
        using var hw = w.RegisterPostAccumulateGradHook(t => seen.Add(("w", t.Grad!.ToDoubleArray())));
        using var hb = b.RegisterPostAccumulateGradHook(t => seen.Add(("b", t.Grad!.ToDoubleArray())));
        var y = (w * w).Sum() + (w * 4).Sum() + b.Sum(); // w reached along two paths
        y.Backward();
        Assert.Equal(2, seen.Count);
        var wGrad = Assert.Single(seen, s => s.Name == "w").Grad;
        Assert.Equal(new double[] { 2 + 4, 4 + 4 }, wGrad);
        Assert.Equal(new double[] { 1 }, Assert.Single(seen, s => s.Name == "b").Grad);
    }

    [Fact]
    public void PostAccumulateHookFiresEarlyForLeavesNearTheLoss()
    {
        // A chain w0 -> ... -> w2 -> loss: the leaf nearest the loss is final first.
        var w0 = Leaf(1);
        var w2 = Leaf(2);
        var order = new List<string>();
        using var h0 = w0.RegisterPostAccumulateGradHook(_ => order.Add("w0"));
        using var h2 = w2.RegisterPostAccumulateGradHook(_ => order.Add("w2"));
        var h = (w0 * 3).Exp();
        var loss = (h * w2).Sum();
        loss.Backward();
        Assert.Equal(["w2", "w0"], order);
    }

    [Fact]
    public void DisposedHookNoLongerRuns()
    {
        var w = Leaf(1);
        int calls = 0;
        var handle = w.RegisterPostAccumulateGradHook(_ => calls++);
        (w * 2).Sum().Backward();
        handle.Dispose();
        (w * 2).Sum().Backward();
        Assert.Equal(1, calls);
        Assert.Throws<InvalidOperationException>(() => (w * 2).RegisterPostAccumulateGradHook(_ => { }));
    }
}
