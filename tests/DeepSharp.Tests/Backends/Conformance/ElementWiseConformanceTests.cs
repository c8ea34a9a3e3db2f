using DeepSharp.Backends;

namespace DeepSharp.Tests.Backends.Conformance;

/// <summary>CPU and reference backends agree on the element-wise methods, over broadcast,
/// strided and transposed operands, odd sizes and both floating-point dtypes.</summary>
public sealed class ElementWiseConformanceTests
{
    private static readonly int[][] Shapes = [[257], [3, 7], [2, 3, 5], []];
    private static readonly Layout[] InputLayouts = [Layout.Contiguous, Layout.Strided, Layout.Transposed, Layout.Broadcast];

    public static TheoryData<UnaryOp, DType> UnaryCases()
    {
        var data = new TheoryData<UnaryOp, DType>();
        foreach (var op in Enum.GetValues<UnaryOp>())
        {
            data.Add(op, DType.Float32);
            data.Add(op, DType.Float64);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_AgreesOnEveryLayout(UnaryOp op, DType dtype)
    {
        foreach (var shape in Shapes)
            foreach (var layout in InputLayouts)
                foreach (var dstLayout in new[] { Layout.Contiguous, Layout.Strided })
                {
                    var h = new ConformanceHarness(shape.Length + 1);
                    var x = h.Input(dtype, shape, layout, -3, 3); // negative logs and roots give NaN on both
                    var y = h.Output(dtype, shape, dstLayout);
                    h.Run(b => b.Unary(op, x.On(b), y.On(b)));
                    h.AssertAgree(ConformanceHarness.Tolerance(dtype));
                }
    }

    public static TheoryData<BinaryOp, DType> BinaryCases()
    {
        var data = new TheoryData<BinaryOp, DType>();
        foreach (var op in Enum.GetValues<BinaryOp>())
        {
            data.Add(op, DType.Float32);
            data.Add(op, DType.Float64);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Binary_AgreesOnMixedLayoutsAndInPlace(BinaryOp op, DType dtype)
    {
        double low = op == BinaryOp.Power ? 0.1 : -3;
        foreach (var shape in Shapes)
            foreach (var la in InputLayouts)
                foreach (var lb in InputLayouts)
                {
                    var h = new ConformanceHarness(shape.Length * 7 + (int)la);
                    var a = h.Input(dtype, shape, la, low, 3);
                    var b2 = h.Input(dtype, shape, lb, -3, 3);
                    var y = h.Output(dtype, shape, la == Layout.Strided ? Layout.Strided : Layout.Contiguous);
                    h.Run(b => b.Binary(op, a.On(b), b2.On(b), y.On(b)));
                    h.AssertAgree(ConformanceHarness.Tolerance(dtype));
                }
        // dst = a (the in-place add the core uses)
        var inPlace = new ConformanceHarness(3);
        var acc = inPlace.Input(dtype, [5, 9], Layout.Strided, low, 3);
        var other = inPlace.Input(dtype, [5, 9], Layout.Broadcast);
        inPlace.Run(b => b.Binary(op, acc.On(b), other.On(b), acc.On(b)));
        inPlace.AssertAgree(ConformanceHarness.Tolerance(dtype));
    }

    public static TheoryData<ComparisonOp, DType, DType> CompareCases()
    {
        var data = new TheoryData<ComparisonOp, DType, DType>();
        foreach (var op in Enum.GetValues<ComparisonOp>())
        {
            data.Add(op, DType.Float32, DType.Float32);
            data.Add(op, DType.Float64, DType.Float64);
            data.Add(op, DType.Int32, DType.Float32);
            data.Add(op, DType.Int32, DType.Float64);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CompareCases))]
    public void Compare_AgreesWithTiesAndNaN(ComparisonOp op, DType operands, DType mask)
    {
        foreach (var shape in Shapes)
            foreach (var la in InputLayouts)
                foreach (var lb in new[] { Layout.Contiguous, Layout.Broadcast, Layout.Transposed })
                {
                    var h = new ConformanceHarness(shape.Length + (int)lb);
                    var a = h.Input(operands, shape, la, -2, 2, integers: true); // whole numbers: many ties
                    var b2 = h.Input(operands, shape, lb, -2, 2, integers: true);
                    var y = h.Output(mask, shape);
                    h.Run(b => b.Compare(op, a.On(b), b2.On(b), y.On(b)));
                    h.AssertAgree(0);
                }
        var nan = new ConformanceHarness(0);
        var dtype = operands == DType.Int32 ? DType.Float32 : operands;
        var x = nan.Values(dtype, [4], [double.NaN, 1, double.NaN, double.PositiveInfinity]);
        var z = nan.Values(dtype, [4], [double.NaN, double.NaN, 0, double.PositiveInfinity]);
        var m = nan.Output(dtype, [4]);
        nan.Run(b => b.Compare(op, x.On(b), z.On(b), m.On(b)));
        nan.AssertAgree(0);
    }

    [Theory]
    [InlineData(DType.Float32, DType.Float32)]
    [InlineData(DType.Float32, DType.Int32)]
    [InlineData(DType.Float64, DType.Float64)]
    [InlineData(DType.Float64, DType.Float32)]
    [InlineData(DType.Int32, DType.Int32)]
    [InlineData(DType.Int32, DType.Float64)]
    public void Where_AgreesForEveryConditionDType(DType values, DType condition)
    {
        foreach (var shape in Shapes)
            foreach (var layout in InputLayouts)
            {
                var h = new ConformanceHarness(shape.Length);
                var c = h.Input(condition, shape, layout, -1, 2, integers: true); // -1, 0, 1
                var a = h.Input(values, shape, Layout.Transposed, -9, 9);
                var b2 = h.Input(values, shape, Layout.Broadcast, -9, 9);
                var y = h.Output(values, shape);
                h.Run(b => b.Where(c.On(b), a.On(b), b2.On(b), y.On(b)));
                h.AssertAgree(0);
            }
    }

    public static TheoryData<PointwiseKind, double, double, DType> PointwiseCases()
    {
        var data = new TheoryData<PointwiseKind, double, double, DType>();
        (PointwiseKind, double, double)[] functions =
        [
            (PointwiseKind.Step, 0.5, 0), (PointwiseKind.Sign, 0, 0), (PointwiseKind.LeakyRelu, 0.01, 0),
            (PointwiseKind.ShiftedRelu, -0.7, 0), (PointwiseKind.Softplus, 1, 20), (PointwiseKind.Softplus, 2, 3),
            (PointwiseKind.Elu, 1.3, 0), (PointwiseKind.Swish, 1, 0), (PointwiseKind.Swish, 1.7, 0),
            (PointwiseKind.GeluErf, 0, 0), (PointwiseKind.GeluTanh, 0, 0),
        ];
        foreach (var (kind, a, b) in functions)
        {
            data.Add(kind, a, b, DType.Float32);
            data.Add(kind, a, b, DType.Float64);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PointwiseCases))]
    public void Pointwise_PointwiseBackward_AgreeAcrossBlocks(PointwiseKind kind, double a, double b, DType dtype)
    {
        var f = new PointwiseFunction(kind, a, b);
        foreach (int n in new[] { 1, 17, 2051 }) // 2051 crosses the CPU kernel's 2048-element blocks
        {
            var h = new ConformanceHarness(n);
            var x = h.Input(dtype, [n], Layout.Contiguous, -12, 12);
            var gy = h.Input(dtype, [n]);
            var y = h.Output(dtype, [n]);
            var gx = h.Output(dtype, [n]);
            h.Run(backend =>
            {
                backend.Pointwise(f, x.On(backend), y.On(backend));
                backend.PointwiseBackward(f, x.On(backend), y.On(backend), gy.On(backend), gx.On(backend));
            });
            // Float32 GELU (erf) on the CPU uses a rational approximation of Φ good to ~1e-7 absolute
            h.AssertAgree(dtype == DType.Float64 ? 1e-9 : 1e-5);
        }
    }

    [Theory]
    [InlineData(Activation.None, DType.Float32)]
    [InlineData(Activation.Relu, DType.Float32)]
    [InlineData(Activation.Tanh, DType.Float32)]
    [InlineData(Activation.Sigmoid, DType.Float32)]
    [InlineData(Activation.None, DType.Float64)]
    [InlineData(Activation.Relu, DType.Float64)]
    [InlineData(Activation.Tanh, DType.Float64)]
    [InlineData(Activation.Sigmoid, DType.Float64)]
    public void ActivationBackward_Agrees(Activation activation, DType dtype)
    {
        foreach (int n in new[] { 1, 15, 4099 })
        {
            var h = new ConformanceHarness(n);
            var y = h.Input(dtype, [n], Layout.Contiguous, -1, 1);
            var gy = h.Input(dtype, [n], Layout.Contiguous, -3, 3);
            var gx = h.Output(dtype, [n]);
            h.Run(b => b.ActivationBackward(activation, y.On(b), gy.On(b), gx.On(b)));
            h.AssertAgree(ConformanceHarness.Tolerance(dtype));
        }
    }

    [Theory]
    [InlineData(PointwiseLossKind.BinaryCrossEntropy, DType.Float32)]
    [InlineData(PointwiseLossKind.BinaryCrossEntropy, DType.Float64)]
    [InlineData(PointwiseLossKind.BinaryCrossEntropyWithLogits, DType.Float32)]
    [InlineData(PointwiseLossKind.BinaryCrossEntropyWithLogits, DType.Float64)]
    public void PointwiseLoss_PointwiseLossBackward_Agree(PointwiseLossKind loss, DType dtype)
    {
        bool logits = loss == PointwiseLossKind.BinaryCrossEntropyWithLogits;
        foreach (int n in new[] { 1, 33 })
            foreach (var (needA, needB) in new[] { (true, true), (true, false), (false, true) })
            {
                var h = new ConformanceHarness(n);
                var a = h.Input(dtype, [n], Layout.Contiguous, logits ? -6 : 0.01, logits ? 6 : 0.99);
                var t = h.Input(dtype, [n], Layout.Contiguous, 0, 1);
                var gy = h.Input(dtype, [n]);
                var y = h.Output(dtype, [n]);
                var ga = h.Output(dtype, [n]);
                var gb = h.Output(dtype, [n]);
                h.Run(b =>
                {
                    b.PointwiseLoss(loss, a.On(b), t.On(b), y.On(b));
                    b.PointwiseLossBackward(loss, a.On(b), t.On(b), gy.On(b), needA ? ga.On(b) : null, needB ? gb.On(b) : null);
                });
                h.AssertAgree(ConformanceHarness.Tolerance(dtype));
            }
    }
}
