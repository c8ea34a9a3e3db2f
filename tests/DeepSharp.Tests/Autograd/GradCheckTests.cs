using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Autograd;

/// <summary>GradCheck itself: it passes correct gradients, catches wrong ones and names the worst element.</summary>
public class GradCheckTests
{
    /// <summary>y = x² with a deliberately wrong backward (3x instead of 2x) on element 2.</summary>
    private static Tensor WrongSquare(Tensor x)
    {
        var y = x.Detach().Square();
        return Node.Record(y, "WrongSquare", [x], g =>
        {
            var factor = Tensor.FromArray(new[] { 2.0, 2.0, 3.0, 2.0 });
            return [g * x.Detach() * factor];
        });
    }

    [Fact]
    public void CatchesAWrongBackwardAndNamesTheWorstElement()
    {
        var x = Tensor.FromArray(new[] { 1.0, -2.0, 1.5, 0.5 });
        var r = GradCheck.Check(v => WrongSquare(v[0]), [x]);
        Assert.False(r.Passed);
        Assert.Equal(0, r.InputIndex);
        Assert.Equal(2, r.ElementIndex);
        Assert.Equal(4, r.ElementsChecked);
        Assert.Equal(1.5, r.Analytic / r.Numeric, 6); // 3x against 2x
        Assert.Contains("FAILED", r.ToString());
        Assert.Contains("element 2", r.ToString());
        var ex = Assert.Throws<GradCheckException>(() => GradCheck.Assert(v => WrongSquare(v[0]), [x]));
        Assert.Equal(r, ex.Result);
        Assert.Contains("element 2", ex.Message);
    }

    [Fact]
    public void PassesAndReportsForCorrectGradients()
    {
        var a = Tensor.Randn([3, 2], new RandomGenerator(1));
        var b = Tensor.Randn([2], new RandomGenerator(2), DType.Float64);
        var r = GradCheck.Assert(v => (v[0] * v[1]).Tanh(), [a, b]);
        Assert.True(r.Passed);
        Assert.Equal(8, r.ElementsChecked);
        Assert.Contains("passed", r.ToString());
    }

    [Fact]
    public void Float64InputsAreCopiedFaithfully()
    {
        var x = Tensor.FromArray(new[] { 0.3, -0.7 });
        var r = GradCheck.Check(v =>
        {
            Assert.Equal(new[] { 0.3, -0.7 }, v[0].ToArray<double>().Select(d => Math.Round(d, 4)));
            return v[0].Exp();
        }, [x]);
        Assert.True(r.Passed, r.ToString());
        Assert.False(x.RequiresGrad); // the caller's tensor is left alone
        Assert.Null(x.Grad);
    }

    [Fact]
    public void IntegerInputsPassThroughUnchecked()
    {
        var x = Tensor.Randn([3, 4], new RandomGenerator(3));
        var idx = Tensor.FromArray(new[] { 1, 3, 0 }, 3, 1);
        var r = GradCheck.Check(v => v[0].Gather(1, v[1]).Exp(), [x, idx]);
        Assert.True(r.Passed, r.ToString());
        Assert.Equal(12, r.ElementsChecked);
    }

    [Fact]
    public void InputsWithoutGradientPathGetZero()
    {
        var a = Tensor.Randn([2], new RandomGenerator(4));
        var unused = Tensor.Randn([3], new RandomGenerator(5));
        Assert.True(GradCheck.Check(v => v[0].Exp(), [a, unused]).Passed);
    }

    [Fact]
    public void AConstantFunctionHasZeroGradient()
    {
        var r = GradCheck.Check(_ => Tensor.Ones([2], DType.Float64), [Tensor.Ones(3)]);
        Assert.True(r.Passed, r.ToString());
        Assert.Equal(3, r.ElementsChecked);
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Equal("Eps", Assert.Throws<ArgumentOutOfRangeException>(() => new GradCheckOptions(Eps: 0)).ParamName);
        Assert.Equal("Atol", Assert.Throws<ArgumentOutOfRangeException>(() => new GradCheckOptions(Atol: -1)).ParamName);
        Assert.Equal("Rtol", Assert.Throws<ArgumentOutOfRangeException>(() => new GradCheckOptions(Rtol: -1)).ParamName);
        var loose = new GradCheckOptions(Eps: 1e-4, Atol: 1, Rtol: 1);
        Assert.True(GradCheck.Check(v => WrongSquare(v[0]), [Tensor.FromArray(new[] { 0.1, 0.1, 0.1, 0.1 })], loose).Passed);
    }

    [Fact]
    public void RejectsFunctionsThatLeaveFloat64()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            GradCheck.Check(v => v[0].To(DType.Float32), [Tensor.Ones(2)]));
        Assert.Contains("Float64", ex.Message);
    }

    [Fact]
    public void NaNGradientsFail()
    {
        var r = GradCheck.Check(v => v[0].Sqrt(), [Tensor.FromArray(new[] { -1.0, 4.0 })]);
        Assert.False(r.Passed);
        Assert.Equal(0, r.ElementIndex);
    }
}
