using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;

namespace DeepSharp.Tests.Nn;

/// <summary>
/// Parity with PyTorch 1.13 for the lecture networks' composed ops: the values in
/// <see cref="LecturesReferenceData"/> were printed by Reference/lectures_reference.py for the
/// closed-form inputs rebuilt here (torch.distributions' Normal KL, the reparameterized sample,
/// exp(−cdist² / 2σ²)), with the gradients of a weighted sum of each.
/// </summary>
public sealed class LecturesReferenceTests
{
    private static double[] Expected(string key) => LecturesReferenceData.Values[key];

    private static Tensor Filled(int[] shape, Func<int, double> f, bool grad = true)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var t = Tensor.FromArray(Enumerable.Range(0, n).Select(f).ToArray(), shape);
        return grad ? t.RequireGrad() : t;
    }

    private static Tensor Mean() => Filled([3, 4], k => 0.7 * Math.Sin(0.9 * k + 0.3));

    private static Tensor LogVariance() => Filled([3, 4], k => 0.8 * Math.Cos(0.6 * k) - 0.2);

    [Fact]
    public void GaussianKlDivergenceMatchesTorchDistributions()
    {
        var mean = Mean();
        var logVariance = LogVariance();
        var kl = Functional.GaussianKlDivergence(mean, logVariance);
        Close(Expected("kl"), kl, 1e-12);
        kl.Backward();
        Close(Expected("kl grad mean"), mean.Grad!, 1e-12);
        Close(Expected("kl grad logVariance"), logVariance.Grad!, 1e-12);
        // Per row and summed: the reductions agree with the mean.
        Assert.Equal(3 * Expected("kl")[0], Functional.GaussianKlDivergence(mean, logVariance, Reduction.Sum).Item(), 12);
        Assert.Equal([3], Functional.GaussianKlDivergence(mean, logVariance, Reduction.None).ShapeArray);
        // KL(N(0, 1) ‖ N(0, 1)) = 0.
        Assert.Equal(0, Functional.GaussianKlDivergence(Tensor.Zeros(2, 3), Tensor.Zeros(2, 3)).Item(), 6); // Float32
    }

    [Fact]
    public void KlDivergenceAndReparameterizationPassGradCheck()
    {
        GradChecks(t => Functional.GaussianKlDivergence(t[0], t[1]), Mean(), LogVariance());
        var noise = Filled([3, 4], k => Math.Sin(1.3 * k + 1), grad: false);
        GradChecks(t => Functional.Reparameterize(t[0], t[1], noise) /* the check runs in Float64 */.Square().Sum(), Mean(), LogVariance());
    }

    [Fact]
    public void ReparameterizedSampleMatchesTorch()
    {
        var mean = Mean();
        var logVariance = LogVariance();
        var z = Functional.Reparameterize(mean, logVariance, Filled([3, 4], k => Math.Sin(1.3 * k + 1), grad: false));
        Close(Expected("z"), z, 1e-12);
        (z * Filled([3, 4], k => Math.Cos(0.2 * k), grad: false)).Sum().Backward();
        Close(Expected("z grad mean"), mean.Grad!, 1e-12);
        Close(Expected("z grad logVariance"), logVariance.Grad!, 1e-12);
    }

    [Fact]
    public void RadialBasisMatchesTorchCdist()
    {
        var x = Filled([4, 2], k => Math.Sin(0.5 * k));
        var c = Filled([3, 2], k => 0.9 * Math.Cos(0.7 * k + 0.4));
        var lw = Filled([3], k => 0.3 * Math.Sin(k) - 0.1);
        var phi = Functional.RadialBasis(x, c, lw);
        Close(Expected("phi"), phi, 1e-12);
        (phi * Filled([4, 3], k => Math.Sin(0.4 * k + 0.5), grad: false)).Sum().Backward();
        Close(Expected("phi grad x"), x.Grad!, 1e-11);
        Close(Expected("phi grad centres"), c.Grad!, 1e-11);
        Close(Expected("phi grad logWidths"), lw.Grad!, 1e-11);
    }
}
