using DeepSharp.Autograd;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Autograd;

/// <summary>GradCheck on every differentiable element-wise op, through broadcasting and
/// non-contiguous operands, plus gradients at hand-worked points.</summary>
public class ElementWiseGradTests
{
    private static Tensor R(ulong seed, params int[] shape) => Tensor.Randn(shape, new RandomGenerator(seed), DType.Float64);

    /// <summary>Values bounded away from zero (for log, sqrt, division, pow).</summary>
    private static Tensor Positive(ulong seed, params int[] shape) => Tensor.Uniform(shape, 0.5, 2.0, new RandomGenerator(seed), DType.Float64);

    private static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var r = GradCheck.Check(f, inputs);
        Assert.True(r.Passed, r.ToString());
        Assert.True(r.ElementsChecked > 0);
    }

    public static TheoryData<string> UnaryNames() =>
        ["Neg", "Abs", "Exp", "Log", "Sqrt", "Square", "Reciprocal", "Sigmoid", "Tanh", "Atan", "Sin", "Cos", "Relu"];

    private static Tensor ApplyUnary(string name, Tensor x) => name switch
    {
        "Neg" => x.Neg(),
        "Abs" => x.Abs(),
        "Exp" => x.Exp(),
        "Log" => x.Log(),
        "Sqrt" => x.Sqrt(),
        "Square" => x.Square(),
        "Reciprocal" => x.Reciprocal(),
        "Sigmoid" => x.Sigmoid(),
        "Tanh" => x.Tanh(),
        "Atan" => x.Atan(),
        "Sin" => x.Sin(),
        "Cos" => x.Cos(),
        "Relu" => x.Relu(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryOpsPassGradCheck(string name)
    {
        bool positive = name is "Log" or "Sqrt" or "Reciprocal";
        var x = positive ? Positive(1, 3, 4) : R(1, 3, 4);
        Check(v => ApplyUnary(name, v[0]), x);
        // through a transposed (non-contiguous) view of the input
        Check(v => ApplyUnary(name, v[0].T), x);
    }

    [Fact]
    public void SignHasZeroGradient()
    {
        var x = Tensor.FromArray(new[] { -2.0, 3.0 }).RequireGrad();
        x.Sign().Sum().Backward();
        Values(x.Grad!, [2], new double[] { 0, 0 });
    }

    [Fact]
    public void BinaryOpsPassGradCheckThroughEveryBroadcast()
    {
        (int[] A, int[] B)[] shapes =
        [
            ([2, 3], [2, 3]),
            ([2, 3], []),        // scalar
            ([2, 3], [3]),       // row
            ([2, 3], [1, 3]),
            ([2, 1], [2, 3]),    // column
            ([2, 1], [1, 3]),    // both stretched
            ([2, 1, 3, 1], [4, 1, 2]), // 4-D
        ];
        foreach (var (sa, sb) in shapes)
        {
            var a = R(2, sa);
            var b = Positive(3, sb);
            Check(v => v[0] + v[1], a, b);
            Check(v => v[0] - v[1], a, b);
            Check(v => v[0] * v[1], a, b);
            Check(v => v[0] / v[1], a, b);
            Check(v => v[1] / v[0].Exp(), a, b);
            Check(v => v[1].Pow(v[0]), a, b);
            Check(v => v[0].Maximum(v[1]), a, b);
            Check(v => v[1].Minimum(v[0]), a, b);
        }
    }

    [Fact]
    public void ScalarOperandFormsPassGradCheck()
    {
        var a = R(4, 3, 2);
        Check(v => 2 - v[0] * 3 + 1, a);
        Check(v => 1 / (v[0].Square() + 1) - v[0] / 4, a);
        Check(v => v[0].Pow(3), a);
        Check(v => v[0].Pow(2), a);
        Check(v => v[0].Abs().Pow(0.5) + v[0].Abs().Pow(-1.5), a);
        Check(v => v[0].Clamp(-0.5, 0.5), a);
        Check(v => v[0].Clamp(min: 0.1), a);
        Check(v => v[0].Clamp(max: 0.1), a);
        Check(v => v[0].Maximum(0.2) + v[0].Minimum(-0.2), a);
    }

    [Fact]
    public void NonContiguousAndExpandedOperandsPassGradCheck()
    {
        var a = R(5, 4, 3);
        var b = R(6, 3);
        Check(v => v[0].T * v[1].Unsqueeze(1), a, b);
        Check(v => v[0].Narrow(0, 1, 2) + v[1].Expand(2, 3), a, b);
        Check(v => v[1].Expand(4, 3) * v[1].Unsqueeze(0).Expand(4, -1) + v[0], a, b);
        Check(v => v[0].Permute(1, 0).Exp() / (v[1].Unsqueeze(1).Square() + 1), a, b);
    }

    [Fact]
    public void WherePassesGradCheckAndRoutesGradients()
    {
        var a = R(7, 2, 3);
        var b = R(8, 3);
        var cond = Tensor.FromArray(new float[] { 1, 0, 1, 0, 0, 1 }, 2, 3);
        Check(v => Tensor.Where(cond, v[0], v[1]), a, b);
        Check(v => Tensor.Where(v[0].Gt(0), v[0].Exp(), v[0] * v[1]), a, b);
        var x = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        var y = Tensor.Scalar(5.0, DType.Float64).RequireGrad();
        Tensor.Where(Tensor.FromArray(new[] { 1, 0 }), x, y).Sum().Backward();
        Values(x.Grad!, [2], new double[] { 1, 0 });
        Values(y.Grad!, [], new double[] { 1 });
    }

    [Fact]
    public void HandWorkedGradients()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 4.0 }).RequireGrad();
        (x.Square() * 3 + x.Log()).Sum().Backward(); // 6x + 1/x
        Values(x.Grad!, [3], new double[] { 7, 12.5, 24.25 });

        var a = Tensor.FromArray(new[] { 2.0, 3.0 }).RequireGrad();
        var b = Tensor.FromArray(new[] { 3.0, 2.0 }).RequireGrad();
        a.Pow(b).Sum().Backward(); // d/da = b a^(b-1), d/db = a^b ln a
        Values(a.Grad!, [2], new double[] { 12, 6 });
        Values(b.Grad!, [2], new double[] { 8 * Math.Log(2), 9 * Math.Log(3) }, 1e-12);

        var m = Tensor.FromArray(new[] { 1.0, 5.0, 3.0 }).RequireGrad();
        var n = Tensor.FromArray(new[] { 2.0, 5.0, 1.0 }).RequireGrad();
        m.Maximum(n).Sum().Backward(); // ties share the gradient evenly
        Values(m.Grad!, [3], new double[] { 0, 0.5, 1 });
        Values(n.Grad!, [3], new double[] { 1, 0.5, 0 });

        var c = Tensor.FromArray(new[] { -2.0, 0.5, 3.0 }).RequireGrad();
        c.Clamp(-1, 1).Sum().Backward();
        Values(c.Grad!, [3], new double[] { 0, 1, 0 });

        var r = Tensor.FromArray(new[] { -1.0, 2.0 }).RequireGrad();
        r.Relu().Sum().Backward();
        Values(r.Grad!, [2], new double[] { 0, 1 });
    }

    [Fact]
    public void SquareAndPowAtZeroHaveFiniteGradients()
    {
        var x = Tensor.FromArray(new[] { 0.0, 1.0 }).RequireGrad();
        (x.Pow(2) + x.Square() + x.Pow(3) + x.Pow(1)).Sum().Backward();
        Values(x.Grad!, [2], new double[] { 1, 8 });
        var p = Tensor.FromArray(new[] { 0.0, 2.0 }).RequireGrad();
        p.Pow(0).Sum().Backward();
        Values(p.Grad!, [2], new double[] { 0, 0 });
        // exponent gradient where the base is zero: 0^b is flat in b for b > 0
        var zb = Tensor.FromArray(new[] { 0.0, 2.0 });
        var e = Tensor.FromArray(new[] { 2.0, 2.0 }).RequireGrad();
        zb.Pow(e).Sum().Backward();
        Values(e.Grad!, [2], new double[] { 0, 4 * Math.Log(2) }, 1e-12);
    }

    [Fact]
    public void Float32GradientsMatchFloat64()
    {
        var x64 = R(9, 5).RequireGrad();
        var x32 = x64.Detach().To(DType.Float32).RequireGrad();
        (x64.Tanh() * x64).Sum().Backward();
        (x32.Tanh() * x32).Sum().Backward();
        Assert.Equal(DType.Float32, x32.Grad!.DType);
        Same(x64.Grad!, x32.Grad!, 1e-5);
    }

    [Fact]
    public void CastIsDifferentiable()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        var y = x.To(DType.Float32);
        Assert.Equal(DType.Float32, y.DType);
        (y * y).Sum().Backward();
        Assert.Equal(DType.Float64, x.Grad!.DType);
        Values(x.Grad!, [2], new double[] { 2, 4 });
    }
}
