using DeepSharp.Autograd;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Autograd;

/// <summary>The semantics of the graph: accumulation, retained and released graphs, no-grad scopes,
/// detaching, and the errors for misuse.</summary>
public class BackwardTests
{
    private static Tensor Leaf(params double[] values) => Tensor.FromArray(values).RequireGrad();

    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        var x = Leaf(1, 2);
        (x * 3).Sum().Backward();
        (x * x).Sum().Backward();
        Values(x.Grad!, [2], new double[] { 3 + 2, 3 + 4 });
        x.ZeroGrad();
        Assert.Null(x.Grad);
        (x * 3).Sum().Backward();
        Values(x.Grad!, [2], new double[] { 3, 3 });
    }

    [Fact]
    public void RetainGraphAllowsASecondBackward()
    {
        var x = Leaf(2);
        var y = (x * x * x).Sum();
        y.Backward(retainGraph: true);
        y.Backward();
        Values(x.Grad!, [1], new double[] { 24 }); // 2 * 3x² at x = 2
    }

    [Fact]
    public void SecondBackwardThroughReleasedGraphThrows()
    {
        var x = Leaf(2);
        var y = (x.Exp() * 2).Sum();
        y.Backward();
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("retainGraph", ex.Message);
        Assert.Contains("second time", ex.Message);
        Assert.True(y.GradFn!.IsReleased);
        Assert.Empty(y.GradFn.Inputs); // a released node no longer keeps the forward pass alive
    }

    [Fact]
    public void BackwardFromNonScalarNeedsAGradient()
    {
        var x = Leaf(1, 2, 3);
        var y = x * 2;
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("(3,)", ex.Message);
        y.Backward(Tensor.FromArray(new[] { 1.0, 0.5, 0.0 }));
        Values(x.Grad!, [3], new double[] { 2, 1, 0 });
        var bad = Assert.Throws<ShapeMismatchException>(() => (x * 2).Backward(Tensor.Ones(2)));
        Assert.Contains("(2,)", bad.Message);
        Assert.Contains("(3,)", bad.Message);
        // a one-element non-scalar is fine without a gradient
        var z = Leaf(4).Reshape(1, 1);
        (z * z).Backward();
    }

    [Fact]
    public void BackwardOnTensorWithoutGraphThrows()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Tensor.Ones(1).Backward());
        Assert.Contains("does not require grad", ex.Message);
    }

    [Fact]
    public void BackwardOnALeafAccumulatesIntoItself()
    {
        var x = Leaf(5);
        x.Backward();
        Values(x.Grad!, [1], new double[] { 1 });
    }

    [Fact]
    public void ATensorUsedTwiceAccumulates()
    {
        var x = Leaf(3);
        var y = x * x + x; // x used three times
        y.Sum().Backward();
        Values(x.Grad!, [1], new double[] { 7 });
        var a = Leaf(1, 2);
        var h = a.Exp();
        (h * h.Sum() + h).Sum().Backward(); // an intermediate consumed by two paths
        // f = (Σh)² + Σh, df/da_i = (2Σh + 1) e^{a_i}
        double s = Math.Exp(1) + Math.Exp(2);
        Values(a.Grad!, [2], new[] { (2 * s + 1) * Math.Exp(1), (2 * s + 1) * Math.Exp(2) }, 1e-12);
    }

    [Fact]
    public void NoGradScopesNestAndRestore()
    {
        var x = Leaf(1);
        Assert.True(GradMode.IsEnabled);
        using (GradMode.NoGrad())
        {
            Assert.False(GradMode.IsEnabled);
            using (GradMode.NoGrad())
            {
                var inner = x * 2;
                Assert.False(inner.RequiresGrad);
                Assert.Null(inner.GradFn);
            }
            Assert.False(GradMode.IsEnabled);
            Assert.False((x * 2).RequiresGrad);
        }
        Assert.True(GradMode.IsEnabled);
        var outside = x * 2;
        Assert.True(outside.RequiresGrad);
        Assert.NotNull(outside.GradFn);
    }

    [Fact]
    public void DisposingAScopeTwiceDoesNotDisableRecording()
    {
        var scope = GradMode.NoGrad();
        scope.Dispose();
        scope.Dispose();
        Assert.True(GradMode.IsEnabled);
    }

    [Fact]
    public void NoGradIsPerThread()
    {
        using (GradMode.NoGrad())
        {
            bool otherThread = false;
            var t = new Thread(() => otherThread = GradMode.IsEnabled);
            t.Start();
            t.Join();
            Assert.True(otherThread);
        }
    }

    [Fact]
    public void DetachCutsTheGraphButSharesStorage()
    {
        var x = Leaf(1, 2);
        var y = x * 2;
        var d = y.Detach();
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        Assert.True(d.SharesStorageWith(y));
        (x * d).Sum().Backward(); // d is a constant
        Values(x.Grad!, [2], new double[] { 2, 4 });
    }

    [Fact]
    public void ViewsPropagateGradients()
    {
        var x = Tensor.Zeros([2, 3], DType.Float64).RequireGrad();
        var loss = x.T.Narrow(0, 1, 2).Reshape(4) * Tensor.FromArray(new[] { 1.0, 2, 3, 4 });
        loss.Sum().Backward();
        // x.T (3, 2); rows 1..2 are x[:, 1] and x[:, 2] -> [x01, x11, x02, x12]
        Values(x.Grad!, [2, 3], new double[] { 0, 1, 3, 0, 2, 4 });
        var y = Tensor.Zeros([3], DType.Float64).RequireGrad();
        (y[1] * 5 + y.Unsqueeze(0).Expand(2, 3).Sum()).Backward();
        Values(y.Grad!, [3], new double[] { 2, 7, 2 });
    }

    [Fact]
    public void OnlyLeavesThatRequireGradReceiveGradients()
    {
        var a = Leaf(1);
        var b = Tensor.FromArray(new[] { 2.0 });
        var mid = a * b;
        (mid * 3).Sum().Backward();
        Assert.Null(b.Grad);
        Assert.Null(mid.Grad); // intermediate results do not keep gradients
        Values(a.Grad!, [1], new double[] { 6 });
    }

    [Fact]
    public void RequiresGradRules()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros([2], DType.Int32).RequireGrad());
        Assert.Contains("Int32", ex.Message);
        var x = Leaf(1);
        var y = x * 2;
        Assert.False(y.IsLeaf);
        Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        x.RequiresGrad = false;
        Assert.False((x * 2).RequiresGrad);
        Assert.Equal("MulBackward", y.GradFn!.ToString());
        Assert.Equal("Mul", y.GradFn.Name);
        Assert.Equal(2, y.GradFn.Inputs.Count);
    }

    [Fact]
    public void GradientOfAFloat32GraphFromAFloat64SeedIsConverted()
    {
        var x = Tensor.FromArray(new float[] { 1, 2 }).RequireGrad();
        (x * 2).Backward(Tensor.FromArray(new[] { 1.0, 1.0 }));
        Assert.Equal(DType.Float32, x.Grad!.DType);
        Values(x.Grad!, [2], new double[] { 2, 2 });
    }

    [Fact]
    public void TheFirstLeafGradientIsACopy()
    {
        var x = Leaf(1, 2);
        var seed = Tensor.FromArray(new[] { 1.0, 1.0 });
        x.Backward(seed);
        x.Backward(seed);
        Values(seed, [2], new double[] { 1, 1 }); // accumulation never writes into the caller's tensor
        Values(x.Grad!, [2], new double[] { 2, 2 });
    }

    [Fact]
    public void DeepChainsDoNotOverflowTheStack()
    {
        var x = Leaf(1);
        var y = x;
        for (int i = 0; i < 20_000; i++) y = y * 1.0;
        y.Sum().Backward();
        Values(x.Grad!, [1], new double[] { 1 });
    }
}
