using DeepSharp.Backends;

namespace DeepSharp.Tests.Backends.Conformance;

/// <summary>The conformance harness is not silent: a different result, or a write outside the
/// output view, makes <see cref="ConformanceHarness.AssertAgree"/> fail.</summary>
public sealed class HarnessSelfTests
{
    [Fact]
    public void DifferentResultsFail()
    {
        var h = new ConformanceHarness(1);
        var x = h.Input(DType.Float32, [5]);
        var y = h.Output(DType.Float32, [5]);
        h.Run(b => b.Unary(ReferenceEquals(b, ConformanceHarness.Cpu) ? UnaryOp.Exp : UnaryOp.Sin, x.On(b), y.On(b)));
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => h.AssertAgree(1e-3));
        Assert.Contains("output", failure.Message);
    }

    [Fact]
    public void AWriteOutsideTheViewFails()
    {
        var h = new ConformanceHarness(2);
        var x = h.Input(DType.Float64, [2, 3]);
        var y = h.Output(DType.Float64, [2, 3], Layout.Strided);
        h.Run(b =>
        {
            b.Unary(UnaryOp.Negate, x.On(b), y.On(b));
            if (!ReferenceEquals(b, ConformanceHarness.Cpu)) ((HostStorage<double>)y.On(b).Storage).Data[0] = 1; // a gap before the view
        });
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => h.AssertAgree(1e-3));
    }
}
