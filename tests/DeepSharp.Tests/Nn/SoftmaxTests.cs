using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;

namespace DeepSharp.Tests.Nn;

public class SoftmaxTests
{
    [Fact]
    public void HandWorkedValues()
    {
        var x = Tensor.FromArray(new double[] { 0, Math.Log(2), Math.Log(3) });
        Close([1.0 / 6, 2.0 / 6, 3.0 / 6], Functional.Softmax(x), 1e-15);
        Close([-Math.Log(6), Math.Log(2.0 / 6), Math.Log(0.5)], Functional.LogSoftmax(x), 1e-15);
    }

    [Fact]
    public void RowsSumToOneAndAddingAConstantChangesNothing()
    {
        var x = Tensor.Randn([4, 7], new RandomGenerator(11)) * 3.0;
        var y = Functional.Softmax(x, 1);
        Close([1, 1, 1, 1], y.Sum(1), 1e-6);
        Close(y.ToDoubleArray(), Functional.Softmax(x + 100.0, 1), 1e-5);
        Close(Functional.LogSoftmax(x).ToDoubleArray(), Functional.LogSoftmax(x - 55.0), 1e-4);
        var cols = Functional.Softmax(x, 0);
        Close(Enumerable.Repeat(1.0, 7).ToArray(), cols.Sum(0), 1e-6);
    }

    [Fact]
    public void StableForLogitsOfPlusMinusOneThousand()
    {
        var x = Tensor.FromArray(new float[] { 1000, -1000, 0, -1000, -1000, 1000 }, 2, 3).RequireGrad();
        var y = Functional.Softmax(x);
        Close([1, 0, 0, 0, 0, 1], y);
        var logp = Functional.LogSoftmax(x);
        Close([0, -2000, -1000, -2000, -2000, 0], logp);
        (logp * Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3)).Sum().Backward();
        AllFinite(x.Grad!);
        var z = Tensor.FromArray(new float[] { 1000, 999 }).RequireGrad();
        Functional.Softmax(z)[0].Backward();
        AllFinite(z.Grad!);
    }

    [Fact]
    public void BackwardAppliesTheFullJacobian()
    {
        var x = Tensor.FromArray(new double[] { 0.3, -1.2, 2.0 });
        var y = Functional.Softmax(x).ToDoubleArray();
        for (int k = 0; k < 3; k++)
        {
            var xi = x.Clone().RequireGrad();
            Functional.Softmax(xi)[k].Backward();
            // d y_k / d x_i = y_k (δ_ik - y_i)
            Close([.. Enumerable.Range(0, 3).Select(i => y[k] * ((i == k ? 1 : 0) - y[i]))], xi.Grad!, 1e-14);
        }
    }

    [Fact]
    public void GradCheckAlongEveryDimension()
    {
        var x = Tensor.Randn([2, 3, 4], new RandomGenerator(3));
        for (int dim = -1; dim < 3; dim++)
        {
            int d = dim;
            GradChecks(t => Functional.Softmax(t[0], d), x);
            GradChecks(t => Functional.LogSoftmax(t[0], d), x);
        }
        GradChecks(t => Functional.Softmax(t[0].Transpose(0, 2), 1), x);
    }
}
