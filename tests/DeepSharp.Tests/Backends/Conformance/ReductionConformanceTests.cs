using DeepSharp.Backends;

namespace DeepSharp.Tests.Backends.Conformance;

/// <summary>CPU and reference backends agree on reductions, softmax, cross-entropy and the
/// indexing methods, over odd and empty blocks and both floating-point dtypes.</summary>
public sealed class ReductionConformanceTests
{
    private static readonly AxisBlock[] Blocks =
        [new(1, 1, 1), new(3, 257, 1), new(2, 5, 7), new(4, 1, 3), new(1, 0, 3), new(5, 33, 2)];

    [Theory]
    [InlineData(ReduceOp.Sum, DType.Float32)]
    [InlineData(ReduceOp.Sum, DType.Float64)]
    [InlineData(ReduceOp.Max, DType.Float32)]
    [InlineData(ReduceOp.Max, DType.Float64)]
    [InlineData(ReduceOp.Min, DType.Float32)]
    [InlineData(ReduceOp.Min, DType.Float64)]
    public void Reduce_AgreesOnEveryBlock(ReduceOp op, DType dtype)
    {
        foreach (var block in Blocks)
        {
            var h = new ConformanceHarness(block.Size);
            var x = h.Input(dtype, [block.Outer, block.Size, block.Inner]);
            var y = h.Output(dtype, [block.Outer, block.Inner]);
            h.Run(b => b.Reduce(op, x.On(b), block, y.On(b)));
            h.AssertAgree(ConformanceHarness.Tolerance(dtype));
        }
        var withNaN = new ConformanceHarness(1);
        var v = withNaN.Values(dtype, [2, 3], [1, double.NaN, 3, -1, -2, double.PositiveInfinity]);
        var r = withNaN.Output(dtype, [2]);
        withNaN.Run(b => b.Reduce(op, v.On(b), new AxisBlock(2, 3, 1), r.On(b)));
        withNaN.AssertAgree(0);
    }

    [Theory]
    [InlineData(true, DType.Float32)]
    [InlineData(true, DType.Float64)]
    [InlineData(false, DType.Float32)]
    [InlineData(false, DType.Float64)]
    public void ArgReduce_PicksTheFirstExtremeAndNaN(bool max, DType dtype)
    {
        foreach (var (rows, length) in new[] { (1, 1), (7, 13), (3, 257), (4, 0) })
        {
            var h = new ConformanceHarness(rows);
            var x = h.Input(dtype, [rows, length], Layout.Contiguous, -3, 3, integers: true); // ties
            var y = h.Output(DType.Int32, [rows]);
            h.Run(b => b.ArgReduce(max, x.On(b), rows, length, y.On(b)));
            h.AssertAgree(0);
        }
        var nan = new ConformanceHarness(2);
        var v = nan.Values(dtype, [2, 3], [1, double.NaN, 3, double.NaN, 2, double.NaN]);
        var i = nan.Output(DType.Int32, [2]);
        nan.Run(b => b.ArgReduce(max, v.On(b), 2, 3, i.On(b)));
        nan.AssertAgree(0);
    }

    [Theory]
    [InlineData(false, DType.Float32)]
    [InlineData(false, DType.Float64)]
    [InlineData(true, DType.Float32)]
    [InlineData(true, DType.Float64)]
    public void Softmax_SoftmaxBackward_AgreeAlongAnyAxis(bool log, DType dtype)
    {
        foreach (var block in Blocks)
            foreach (double shift in new[] { 0.0, 1000.0 })
            {
                var h = new ConformanceHarness(block.Inner);
                var x = h.Input(dtype, [block.Outer, block.Size, block.Inner], Layout.Contiguous, shift - 4, shift + 4);
                var gy = h.Input(dtype, [block.Outer, block.Size, block.Inner]);
                var y = h.Output(dtype, [block.Outer, block.Size, block.Inner]);
                var gx = h.Output(dtype, [block.Outer, block.Size, block.Inner]);
                h.Run(b =>
                {
                    b.Softmax(x.On(b), block, log, y.On(b));
                    b.SoftmaxBackward(y.On(b), gy.On(b), block, log, gx.On(b));
                });
                // Float32 log-softmax of logits near 1000: the CPU kernel rounds max + log Σ (one ulp of
                // 1000 is 6e-5) before subtracting, the reference subtracts the maximum first (issue 13, item 8)
                h.AssertAgree(dtype == DType.Float64 ? 1e-10 : shift > 0 && log ? 2e-3 : 2e-5);
            }
    }

    [Theory]
    [InlineData(0.0, DType.Float32)]
    [InlineData(0.0, DType.Float64)]
    [InlineData(0.1, DType.Float32)]
    [InlineData(0.1, DType.Float64)]
    public void CrossEntropy_CrossEntropyBackward_Agree(double smoothing, DType dtype)
    {
        foreach (var (rows, classes) in new[] { (1, 1), (5, 7), (3, 1000), (17, 3) })
        {
            var h = new ConformanceHarness(rows * classes);
            var logits = h.Input(dtype, [rows, classes], Layout.Contiguous, -5, 5);
            var targets = h.Indices([rows], classes);
            var rowGrad = h.Input(dtype, [rows]);
            var p = h.Output(dtype, [rows, classes]);
            var losses = h.Output(dtype, [rows]);
            var gx = h.Output(dtype, [rows, classes]);
            h.Run(b =>
            {
                b.CrossEntropy(logits.On(b), targets.On(b), smoothing, p.On(b), losses.On(b));
                b.CrossEntropyBackward(p.On(b), targets.On(b), rowGrad.On(b), smoothing, gx.On(b));
            });
            h.AssertAgree(ConformanceHarness.Tolerance(dtype));
        }
        var bad = new ConformanceHarness(9);
        var x = bad.Input(dtype, [2, 3]);
        var t = bad.Values(DType.Int32, [2], [1, 3]);
        var probabilities = bad.Output(dtype, [2, 3]);
        var loss = bad.Output(dtype, [2]);
        foreach (var b in new[] { ConformanceHarness.Cpu, ConformanceHarness.Reference })
            Assert.Throws<ArgumentOutOfRangeException>(() => b.CrossEntropy(x.On(b), t.On(b), 0, probabilities.On(b), loss.On(b)));
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    public void IndexSelect_Gather_AgreeAndRejectBadIndices(DType dtype)
    {
        foreach (var block in new AxisBlock[] { new(1, 5, 1), new(3, 7, 4), new(2, 1, 3) })
        {
            var h = new ConformanceHarness(block.Inner);
            var x = h.Input(dtype, [block.Outer, block.Size, block.Inner], Layout.Contiguous, -9, 9);
            var index = h.Indices([6], block.Size); // repeats
            var selected = h.Output(dtype, [block.Outer, 6, block.Inner]);
            var gatherIndex = h.Indices([block.Outer, 4, block.Inner], block.Size);
            var gathered = h.Output(dtype, [block.Outer, 4, block.Inner]);
            h.Run(b =>
            {
                b.IndexSelect(x.On(b), block, index.On(b), selected.On(b));
                b.Gather(x.On(b), block, gatherIndex.On(b), gathered.On(b));
            });
            h.AssertAgree(0);
        }
        var bad = new ConformanceHarness(3);
        var src = bad.Input(dtype, [2, 3, 1]);
        var outside = bad.Values(DType.Int32, [2], [0, 3]);
        var dst = bad.Output(dtype, [2, 2, 1]);
        var negative = bad.Values(DType.Int32, [2, 1, 1], [-1, 0]);
        var gatherDst = bad.Output(dtype, [2, 1, 1]);
        foreach (var b in new[] { ConformanceHarness.Cpu, ConformanceHarness.Reference })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => b.IndexSelect(src.On(b), new AxisBlock(2, 3, 1), outside.On(b), dst.On(b)));
            Assert.Throws<ArgumentOutOfRangeException>(() => b.Gather(src.On(b), new AxisBlock(2, 3, 1), negative.On(b), gatherDst.On(b)));
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void IndexAdd_ScatterAdd_AccumulateRepeatedIndices(DType dtype)
    {
        foreach (var block in new AxisBlock[] { new(1, 5, 1), new(3, 7, 4), new(2, 2, 3) })
        {
            var h = new ConformanceHarness(block.Size);
            var index = h.Indices([9], block.Size); // more picks than positions: repeats are certain
            var src = h.Input(dtype, [block.Outer, 9, block.Inner]);
            var gx = h.Input(dtype, [block.Outer, block.Size, block.Inner], name: "gx (accumulated into)");
            var scatterIndex = h.Indices([block.Outer, 5, block.Inner], block.Size);
            var scatterSrc = h.Input(dtype, [block.Outer, 5, block.Inner]);
            var scatterGx = h.Input(dtype, [block.Outer, block.Size, block.Inner], name: "scatter gx");
            h.Run(b =>
            {
                b.IndexAdd(src.On(b), block, index.On(b), gx.On(b));
                b.ScatterAdd(scatterSrc.On(b), block, scatterIndex.On(b), scatterGx.On(b));
            });
            h.AssertAgree(ConformanceHarness.Tolerance(dtype));
        }
    }
}
