using DeepSharp.Autograd;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Autograd;

/// <summary>GradCheck through every view, reduction, indexing op and every MatMul rank case.</summary>
public class ViewReduceGradTests
{
    private static Tensor R(ulong seed, params int[] shape) => Tensor.Randn(shape, new RandomGenerator(seed), DType.Float64);

    private static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var r = GradCheck.Check(f, inputs);
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void Views()
    {
        var x = R(1, 2, 3, 4);
        Check(v => v[0].Reshape(6, 4).Exp(), x);
        Check(v => v[0].Reshape(-1).Sin(), x);
        Check(v => v[0].Transpose(0, 2).Reshape(4, 6), x); // reshape of a non-contiguous view copies
        Check(v => v[0].View(4, 6).Square(), x);
        Check(v => v[0].Permute(2, 0, 1) * R(2, 4, 2, 3), x);
        Check(v => v[0].Transpose(1, 2).Contiguous().Tanh(), x);
        Check(v => v[0].Narrow(1, 1, 2).Unsqueeze(0).Squeeze() * 2, x);
        Check(v => v[0].Unsqueeze(2).Expand(2, 3, 5, 4).Sin(), x);
        Check(v => v[0].Narrow(2, 0, 1).Expand(2, 3, 4) * v[0], x);
        Check(v => v[0].Slice(2, 1..^1).Exp(), x);
        Check(v => v[0][1][2].Square() + v[0][0].Narrow(0, 0, 1).Squeeze(0), x);
        Check(v => v[0].Flatten(1).Cos(), x);
        Check(v => v[0].Clone().Sin(), x);
        Check(v => v[0].T.Cos(), R(3, 3, 5));
    }

    [Fact]
    public void CatAndStack()
    {
        var a = R(4, 2, 3);
        var b = R(5, 1, 3);
        Check(v => Tensor.Cat([v[0], v[1], v[0].Narrow(0, 0, 1)]).Sin(), a, b);
        Check(v => Tensor.Cat([v[0].T, v[1].T], dim: 1).Exp(), a, b);
        Check(v => Tensor.Stack([v[0], v[0] * 2, v[0].Square()], dim: 1), a);
        var constant = Tensor.Ones([1, 3], DType.Float64);
        Check(v => Tensor.Cat([constant, v[0]]).Square(), a); // an input that needs no gradient
    }

    [Fact]
    public void Reductions()
    {
        var x = R(6, 2, 3, 4);
        Check(v => v[0].Sum(), x);
        Check(v => v[0].Sum(1), x);
        Check(v => v[0].Sum([0, 2], keepDim: true), x);
        Check(v => v[0].Mean(), x);
        Check(v => v[0].Mean([2, 0]), x);
        Check(v => v[0].Mean(-1, keepDim: true), x);
        Check(v => v[0].Max(), x);
        Check(v => v[0].Max(1), x);
        Check(v => v[0].Min([0, 2]), x);
        Check(v => v[0].Min(2, keepDim: true), x);
        Check(v => v[0].Var(), x);
        Check(v => v[0].Var([1], unbiased: false), x);
        Check(v => v[0].Std([0, 2], keepDim: true), x);
        Check(v => v[0].LogSumExp(), x);
        Check(v => v[0].LogSumExp([2]), x);
        Check(v => v[0].LogSumExp([0, 1], keepDim: true), x);
        Check(v => v[0].Transpose(0, 2).Sum(1).Exp(), x); // reduction of a non-contiguous view
        Check(v => v[0].Permute(1, 2, 0).Max(2), x);
    }

    [Fact]
    public void MaxSharesTheGradientBetweenTies()
    {
        var x = Tensor.FromArray(new[] { 1.0, 3.0, 3.0, 2.0 }).RequireGrad();
        x.Max().Backward();
        Values(x.Grad!, [4], new double[] { 0, 0.5, 0.5, 0 });
        var y = Tensor.FromArray(new[] { 1.0, 3.0, 2.0, 0.0 }, 2, 2).RequireGrad();
        y.Min(1).Sum().Backward();
        Values(y.Grad!, [2, 2], new double[] { 1, 0, 0, 1 });
    }

    [Fact]
    public void MeanAndSumGradientsAtHandWorkedPoints()
    {
        var x = Tensor.Ones([2, 3], DType.Float64).RequireGrad();
        x.Mean(1).Sum().Backward();
        Values(x.Grad!, [2, 3], Enumerable.Repeat(1.0 / 3, 6).ToArray(), 1e-15);
        var lse = Tensor.FromArray(new[] { 0.0, Math.Log(3) }).RequireGrad();
        lse.LogSumExp().Backward(); // softmax: [1/4, 3/4]
        Values(lse.Grad!, [2], new[] { 0.25, 0.75 }, 1e-12);
    }

    [Fact]
    public void GatherAndIndexSelect()
    {
        var x = R(7, 3, 4);
        var rows = Tensor.FromArray(new[] { 2, 0, 2 }); // repeated: gradients add up
        Check(v => v[0].IndexSelect(0, rows).Exp(), x);
        Check(v => v[0].IndexSelect(1, Tensor.FromArray(new[] { 3, 3, 1 })).Sin(), x);
        Check(v => v[0].T.IndexSelect(1, rows), x);
        var idx = Tensor.FromArray(new[] { 3, 0, 1, 1, 2, 0 }, 3, 2);
        Check(v => v[0].Gather(1, idx).Exp(), x);
        Check(v => v[0].Gather(0, Tensor.FromArray(new[] { 2, 0, 1, 1, 0, 0, 2, 2 }, 2, 4)), x);
        var g = Tensor.Zeros([3, 4], DType.Float64).RequireGrad();
        g.IndexSelect(0, rows).Sum().Backward();
        Values(g.Grad!, [3, 4], new double[] { 1, 1, 1, 1, 0, 0, 0, 0, 2, 2, 2, 2 });
    }

    [Fact]
    public void MatMulAllRankCases()
    {
        (int[] A, int[] B)[] cases =
        [
            ([3, 4], [4, 5]),          // matrix x matrix
            ([4], [4]),                // vector . vector
            ([4], [4, 5]),             // vector x matrix
            ([3, 4], [4]),             // matrix x vector
            ([2, 3, 4], [2, 4, 5]),    // batched
            ([2, 3, 4], [4, 5]),       // batch x matrix (folded into one GEMM)
            ([3, 4], [2, 4, 5]),       // matrix x batch
            ([2, 1, 3, 4], [3, 4, 2]), // broadcast batch dimensions
            ([4], [2, 4, 5]),          // vector x batch
            ([2, 3, 4], [4]),          // batch x vector
        ];
        foreach (var (sa, sb) in cases)
            Check(v => v[0].MatMul(v[1]), R(8, sa), R(9, sb));
        // transposed / narrowed operands
        Check(v => v[0].T.MatMul(v[1].Narrow(1, 1, 3)), R(10, 4, 3), R(11, 4, 5));
        Check(v => v[0].Transpose(1, 2).MatMul(v[1].T), R(12, 2, 4, 3), R(13, 5, 4));
    }
}
