using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class RegularizationTests
{
    [Fact]
    public void L2IsHalfLambdaSumOfSquaresWithGradientLambdaW()
    {
        var a = Tensor.FromArray(new double[] { 1, -2 }).RequireGrad();
        var b = Tensor.FromArray(new double[] { 3 }).RequireGrad();
        var penalty = Regularization.L2([a, b], 0.1);
        Assert.Equal(0.7, penalty.Item(), 1e-15);
        penalty.Backward();
        Assert.Equal([0.1, -0.2], a.Grad!.ToDoubleArray(), new ToleranceComparer(1e-15));
        Assert.Equal([0.3], b.Grad!.ToDoubleArray(), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void L1IsLambdaSumOfMagnitudes()
    {
        var a = Tensor.FromArray(new double[] { 1, -2, 0 }).RequireGrad();
        var penalty = Regularization.L1([a], 0.5);
        Assert.Equal(1.5, penalty.Item(), 1e-15);
        penalty.Backward();
        Assert.Equal([0.5, -0.5, 0], a.Grad!.ToDoubleArray());
        Assert.Equal(0, Regularization.L1([], 0.5).Item());
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => Regularization.L2([a], -1)).ParamName);
    }

    [Fact]
    public void WeightsSelectsWeightsNotBiases()
    {
        var model = new Sequential(new Linear(3, 4), new Tanh(), new Linear(4, 2));
        var weights = Regularization.Weights(model).ToList();
        Assert.Equal(2, weights.Count);
        Assert.Same(((Linear)model[0]).Weight, weights[0]);
        Assert.Same(((Linear)model[2]).Weight, weights[1]);
        var loss = Functional.MseLoss(model.Forward(Tensor.Ones(5, 3)), Tensor.Zeros(5, 2)) + Regularization.L2(weights, 1e-3);
        loss.Backward();
        Assert.NotNull(((Linear)model[0]).Weight.Grad);
    }

    private sealed class ToleranceComparer(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tol;
        public int GetHashCode(double obj) => 0;
    }
}
