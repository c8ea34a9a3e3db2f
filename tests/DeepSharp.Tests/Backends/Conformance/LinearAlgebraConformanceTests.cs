using DeepSharp.Backends;

namespace DeepSharp.Tests.Backends.Conformance;

/// <summary>CPU and reference backends agree on GEMM (batched, broadcast, transposed, odd
/// shapes), fused Linear, convolutions and pooling.</summary>
public sealed class LinearAlgebraConformanceTests
{
    private static readonly Activation[] Activations = [Activation.None, Activation.Relu, Activation.Tanh, Activation.Sigmoid];

    /// <summary>Matrix-product tolerance: a k-term float sum rounds about √k times more than one element.</summary>
    private static double GemmTolerance(DType dtype, int k) => dtype == DType.Float64 ? 1e-10 : 2e-5 * Math.Max(1, Math.Sqrt(k));

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void MatMul_AgreesOnOddShapes(DType dtype)
    {
        foreach (var (n, k, m) in new[] { (1, 1, 1), (3, 5, 7), (17, 33, 9), (64, 70, 65), (2, 0, 3), (0, 4, 2) })
            foreach (var la in new[] { Layout.Contiguous, Layout.Transposed, Layout.Strided })
                foreach (var lb in new[] { Layout.Contiguous, Layout.Transposed })
                {
                    var h = new ConformanceHarness(n + k + m);
                    var a = h.Input(dtype, [n, k], la);
                    var b2 = h.Input(dtype, [k, m], lb);
                    var c = h.Output(dtype, [n, m]);
                    h.Run(b => b.MatMul(a.On(b), b2.On(b), c.On(b)));
                    h.AssertAgree(GemmTolerance(dtype, k));
                }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void MatMul_AgreesOnBroadcastBatches(DType dtype)
    {
        var h = new ConformanceHarness(5);
        // a (2, 3, 4, 5) with its second batch dimension broadcast; b (2, 3, 5, 6) shared across the first
        var aStorage = h.Input(dtype, [2, 1, 4, 5]);
        var a = aStorage.View(0, [2, 3, 4, 5], [20, 0, 5, 1]);
        var bStorage = h.Input(dtype, [3, 6, 5]); // stored transposed per matrix
        var b2 = bStorage.View(0, [2, 3, 5, 6], [0, 30, 1, 5]);
        var c = h.Output(dtype, [2, 3, 4, 6]);
        h.Run(b => b.MatMul(a.On(b), b2.On(b), c.On(b)));
        h.AssertAgree(GemmTolerance(dtype, 5));

        // (B, T, K) x (K, M) with one shared right operand: the CPU folds the batch into the rows
        var folded = new ConformanceHarness(6);
        var x = folded.Input(dtype, [3, 7, 9]);
        var wStorage = folded.Input(dtype, [9, 4]);
        var w = wStorage.View(0, [3, 9, 4], [0, 4, 1]);
        var y = folded.Output(dtype, [3, 7, 4]);
        folded.Run(b => b.MatMul(x.On(b), w.On(b), y.On(b)));
        folded.AssertAgree(GemmTolerance(dtype, 9));
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Linear_AgreesWithEveryEpilogue(DType dtype)
    {
        foreach (var activation in Activations)
            foreach (var (rows, inF, outF) in new[] { (1, 1, 1), (5, 3, 7), (33, 65, 17) })
                foreach (bool bias in new[] { true, false })
                {
                    var h = new ConformanceHarness(rows * outF);
                    var x = h.Input(dtype, [rows, inF]);
                    var w = h.Input(dtype, [outF, inF]);
                    var bv = h.Input(dtype, [outF]);
                    var y = h.Output(dtype, [rows, outF]);
                    h.Run(b => b.Linear(x.On(b), w.On(b), bias ? bv.On(b) : null, activation, y.On(b)));
                    h.AssertAgree(GemmTolerance(dtype, inF));
                }
    }

    public static TheoryData<int, DType> ConvCases()
    {
        var data = new TheoryData<int, DType>();
        for (int i = 0; i < ConvGeometries.Length; i++)
        {
            data.Add(i, DType.Float32);
            data.Add(i, DType.Float64);
        }
        return data;
    }

    private static readonly Conv2dGeometry[] ConvGeometries =
    [
        new(batch: 2, inChannels: 3, inHeight: 7, inWidth: 6, outChannels: 4, kernelHeight: 3, kernelWidth: 2,
            strideHeight: 2, strideWidth: 1, padHeight: 1, padWidth: 0, dilationHeight: 1, dilationWidth: 2),
        new(batch: 1, inChannels: 4, inHeight: 5, inWidth: 5, outChannels: 6, kernelHeight: 3, kernelWidth: 3,
            padHeight: 1, padWidth: 1, groups: 2),
        new(batch: 3, inChannels: 5, inHeight: 4, inWidth: 3, outChannels: 2, kernelHeight: 1, kernelWidth: 1),
        new(batch: 2, inChannels: 1, inHeight: 12, inWidth: 12, outChannels: 6, kernelHeight: 5, kernelWidth: 5), // LeNet's first layer
        new(batch: 2, inChannels: 6, inHeight: 8, inWidth: 8, outChannels: 16, kernelHeight: 5, kernelWidth: 5), // and its second
    ];

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2d_Conv2dBackwardInput_Conv2dBackwardWeight_Agree(int geometry, DType dtype)
    {
        var g = ConvGeometries[geometry];
        foreach (var activation in Activations)
            foreach (bool bias in new[] { true, false })
            {
                var h = new ConformanceHarness(geometry);
                var x = h.Input(dtype, [g.Batch, g.InChannels, g.InHeight, g.InWidth]);
                var w = h.Input(dtype, [g.OutChannels, g.GroupInChannels, g.KernelHeight, g.KernelWidth]);
                var bv = h.Input(dtype, [g.OutChannels]);
                var gy = h.Input(dtype, [g.Batch, g.OutChannels, g.OutHeight, g.OutWidth]);
                var y = h.Output(dtype, [g.Batch, g.OutChannels, g.OutHeight, g.OutWidth]);
                var gx = h.Output(dtype, [g.Batch, g.InChannels, g.InHeight, g.InWidth]);
                var gw = h.Output(dtype, [g.OutChannels, g.GroupInChannels, g.KernelHeight, g.KernelWidth]);
                var gb = h.Output(dtype, [g.OutChannels]);
                h.Run(b =>
                {
                    b.Conv2d(g, x.On(b), w.On(b), bias ? bv.On(b) : null, activation, y.On(b));
                    b.Conv2dBackwardInput(g, gy.On(b), w.On(b), gx.On(b));
                    b.Conv2dBackwardWeight(g, x.On(b), gy.On(b), gw.On(b), bias ? gb.On(b) : null);
                });
                h.AssertAgree(GemmTolerance(dtype, Math.Max(g.ColRows, g.Batch * g.ColCols)));
            }
    }

    private static readonly Pool2dGeometry[] PoolGeometries =
    [
        new(batch: 2, channels: 3, inHeight: 8, inWidth: 6, kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2), // the 2x2 fast path
        new(batch: 1, channels: 2, inHeight: 7, inWidth: 5, kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2, padHeight: 1, padWidth: 1),
        new(batch: 2, channels: 1, inHeight: 5, inWidth: 9, kernelHeight: 3, kernelWidth: 2, strideHeight: 1, strideWidth: 3, padHeight: 1),
        new(batch: 1, channels: 3, inHeight: 7, inWidth: 7, kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2), // odd: last row and column dropped
    ];

    public static TheoryData<int, DType> PoolCases()
    {
        var data = new TheoryData<int, DType>();
        for (int i = 0; i < PoolGeometries.Length; i++)
        {
            data.Add(i, DType.Float32);
            data.Add(i, DType.Float64);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PoolCases))]
    public void MaxPool2d_MaxPool2dBackward_RouteToTheFirstMaximum(int geometry, DType dtype)
    {
        var g = PoolGeometries[geometry];
        foreach (bool ties in new[] { false, true })
        {
            var h = new ConformanceHarness(geometry);
            var x = h.Input(dtype, [g.Batch, g.Channels, g.InHeight, g.InWidth], Layout.Contiguous, -3, 3, integers: ties);
            var gy = h.Input(dtype, [g.Batch, g.Channels, g.OutHeight, g.OutWidth]);
            var y = h.Output(dtype, [g.Batch, g.Channels, g.OutHeight, g.OutWidth]);
            var gx = h.Output(dtype, [g.Batch, g.Channels, g.InHeight, g.InWidth]);
            h.Run(b =>
            {
                b.MaxPool2d(g, x.On(b), y.On(b));
                b.MaxPool2dBackward(g, x.On(b), y.On(b), gy.On(b), gx.On(b));
            });
            h.AssertAgree(ConformanceHarness.Tolerance(dtype));
        }
    }

    [Theory]
    [MemberData(nameof(PoolCases))]
    public void AvgPool2d_AvgPool2dBackward_AgreeWithAndWithoutPadCounting(int geometry, DType dtype)
    {
        var g = PoolGeometries[geometry];
        foreach (bool countIncludePad in new[] { true, false })
        {
            var h = new ConformanceHarness(geometry);
            var x = h.Input(dtype, [g.Batch, g.Channels, g.InHeight, g.InWidth]);
            var gy = h.Input(dtype, [g.Batch, g.Channels, g.OutHeight, g.OutWidth]);
            var y = h.Output(dtype, [g.Batch, g.Channels, g.OutHeight, g.OutWidth]);
            var gx = h.Output(dtype, [g.Batch, g.Channels, g.InHeight, g.InWidth]);
            h.Run(b =>
            {
                b.AvgPool2d(g, x.On(b), y.On(b), countIncludePad);
                b.AvgPool2dBackward(g, gy.On(b), gx.On(b), countIncludePad);
            });
            h.AssertAgree(ConformanceHarness.Tolerance(dtype));
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void AdaptiveAvgPool2d_AdaptiveAvgPool2dBackward_Agree(DType dtype)
    {
        foreach (var g in new AdaptivePool2dGeometry[] { new(3, 7, 5, 3, 2), new(2, 4, 4, 4, 4), new(4, 5, 5, 1, 1), new(1, 3, 2, 5, 4) })
        {
            var h = new ConformanceHarness(g.Planes);
            var x = h.Input(dtype, [g.Planes, g.InHeight, g.InWidth]);
            var gy = h.Input(dtype, [g.Planes, g.OutHeight, g.OutWidth]);
            var y = h.Output(dtype, [g.Planes, g.OutHeight, g.OutWidth]);
            var gx = h.Output(dtype, [g.Planes, g.InHeight, g.InWidth]);
            h.Run(b =>
            {
                b.AdaptiveAvgPool2d(g, x.On(b), y.On(b));
                b.AdaptiveAvgPool2dBackward(g, gy.On(b), gx.On(b));
            });
            h.AssertAgree(ConformanceHarness.Tolerance(dtype));
        }
    }
}
