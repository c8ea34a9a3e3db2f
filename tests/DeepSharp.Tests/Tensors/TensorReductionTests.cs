using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Tensors;

/// <summary>Reductions at hand-worked points, along one or several dimensions, with and without keepDim,
/// over the whole tensor, and on non-contiguous inputs.</summary>
public class TensorReductionTests
{
    // [[1, 5, 3],
    //  [4, 2, 6]]
    private static Tensor X => Tensor.FromArray(new float[] { 1, 5, 3, 4, 2, 6 }, 2, 3);

    [Fact]
    public void SumAndMean()
    {
        Values(X.Sum(), [], new float[] { 21 });
        Values(X.Sum(0), [3], new float[] { 5, 7, 9 });
        Values(X.Sum(1), [2], new float[] { 9, 12 });
        Values(X.Sum(-1, keepDim: true), [2, 1], new float[] { 9, 12 });
        Values(X.Sum([0, 1]), [], new float[] { 21 });
        Values(X.Sum([0, 1], keepDim: true), [1, 1], new float[] { 21 });
        Values(X.Mean(), [], new float[] { 3.5f });
        Values(X.Mean(0), [3], new float[] { 2.5f, 3.5f, 4.5f });
        Values(X.Mean(1, keepDim: true), [2, 1], new float[] { 3, 4 });
        Values(X.Mean([1, 0]), [], new float[] { 3.5f });
    }

    [Fact]
    public void MaxMinArgMaxArgMin()
    {
        Values(X.Max(), [], new float[] { 6 });
        Values(X.Min(), [], new float[] { 1 });
        Values(X.Max(0), [3], new float[] { 4, 5, 6 });
        Values(X.Max(1, keepDim: true), [2, 1], new float[] { 5, 6 });
        Values(X.Min(0), [3], new float[] { 1, 2, 3 });
        Values(X.Min([0, 1], keepDim: true), [1, 1], new float[] { 1 });
        var am = X.ArgMax(1);
        Assert.Equal(DType.Int32, am.DType);
        Assert.Equal(new[] { 1, 2 }, am.ToArray<int>());
        Assert.Equal(new[] { 1, 0, 1 }, X.ArgMax(0).ToArray<int>());
        Assert.Equal(new[] { 0, 1 }, X.ArgMin(1).ToArray<int>());
        Assert.Equal(new[] { 0, 1, 0 }, X.ArgMin(0).ToArray<int>());
        Shape(X.ArgMax(1, keepDim: true), 2, 1);
        Assert.Equal(5, X.ArgMax().Item<int>());
        Assert.Equal(0, X.ArgMin().Item<int>());
        // ties: the first index wins
        Assert.Equal(1, Tensor.FromArray(new float[] { 0, 7, 7, 7 }).ArgMax().Item<int>());
    }

    [Fact]
    public void VarStdLogSumExp()
    {
        // rows: [1,5,3] mean 3, squared deviations 4+4+0 = 8; [4,2,6] mean 4, 0+4+4 = 8
        Values(X.Var([1]), [2], new float[] { 4, 4 });
        Values(X.Var([1], unbiased: false), [2], new double[] { 8.0 / 3, 8.0 / 3 });
        Values(X.Std([1], keepDim: true), [2, 1], new float[] { 2, 2 });
        // all: mean 3.5, deviations² 6.25+2.25+0.25+0.25+2.25+6.25 = 17.5
        Values(X.Var(), [], new float[] { 3.5f });
        Values(X.Std(unbiased: false), [], new double[] { Math.Sqrt(17.5 / 6) });
        double Lse(params double[] v) => Math.Log(v.Sum(Math.Exp));
        Values(X.LogSumExp([1]), [2], new[] { Lse(1, 5, 3), Lse(4, 2, 6) }, 1e-6);
        Values(X.LogSumExp([0], keepDim: true), [1, 3], new[] { Lse(1, 4), Lse(5, 2), Lse(3, 6) }, 1e-6);
        Values(X.LogSumExp(), [], new[] { Lse(1, 5, 3, 4, 2, 6) }, 1e-6);
    }

    [Fact]
    public void LogSumExpIsStableForLargeAndInfiniteInputs()
    {
        var big = Tensor.FromArray(new float[] { 1000, 1000, -1000, float.NegativeInfinity }, 2, 2);
        Values(big.LogSumExp([1]), [2], new double[] { 1000 + Math.Log(2), -1000 });
        var allNegInf = Tensor.FromArray(new float[] { float.NegativeInfinity, float.NegativeInfinity });
        Values(allNegInf.LogSumExp(), [], new[] { double.NegativeInfinity });
        var posInf = Tensor.FromArray(new float[] { float.PositiveInfinity, 1 });
        Values(posInf.LogSumExp(), [], new[] { double.PositiveInfinity });
    }

    [Fact]
    public void ThreeDimensionalReductionsOverNonAdjacentDims()
    {
        var t = Tensor.Arange(24).Reshape(2, 3, 4); // t[a,b,c] = 12a + 4b + c
        var s = t.Sum([0, 2]);
        // over a and c: Σ_a Σ_c (12a + 4b + c) = 4·12 + 8·4b + 2·6 = 60 + 32b
        Values(s, [3], new float[] { 60, 92, 124 });
        Values(t.Sum([0, 2], keepDim: true), [1, 3, 1], new float[] { 60, 92, 124 });
        Values(t.Max([0, 2]), [3], new float[] { 15, 19, 23 });
        Values(t.Min([2, 0]), [3], new float[] { 0, 4, 8 });
        Values(t.Mean([0, 1]), [4], new float[] { 10, 11, 12, 13 });
        Assert.Equal(new[] { 2, 2, 2, 2, 2, 2, 2, 2 }, t.ArgMax(1).ToArray<int>());
    }

    [Fact]
    public void ScatteredDimsOfAFourDimensionalTensor()
    {
        // t[n, c, h, w] = 1000n + 100c + 10h + w, shape (2, 3, 2, 2): per-channel sums as for a bias gradient
        var t = Tensor.Arange(24).Reshape(2, 3, 2, 2);
        var v = new double[3];
        var mx = new double[3];
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int h = 0; h < 2; h++)
                    for (int w = 0; w < 2; w++)
                    {
                        double value = ((n * 3 + c) * 2 + h) * 2 + w;
                        v[c] += value;
                        mx[c] = Math.Max(mx[c], value);
                    }
        Values(t.Sum([0, 2, 3], keepDim: true), [1, 3, 1, 1], v);
        Values(t.Sum([3, 0, 2]), [3], v);
        Values(t.Max([0, 2, 3]), [3], mx);
        Values(t.Mean([0, 3]), [3, 2], new float[] { 6.5f, 8.5f, 10.5f, 12.5f, 14.5f, 16.5f });
        Values(t.Transpose(1, 3).Sum([0, 2]), [2, 3], new float[] { 28, 44, 60, 32, 48, 64 }); // 28 + 16c + 4w
    }

    [Fact]
    public void NonContiguousInputs()
    {
        var t = X.T; // [[1,4],[5,2],[3,6]]
        Values(t.Sum(0), [2], new float[] { 9, 12 });
        Values(t.Sum(1), [3], new float[] { 5, 7, 9 });
        Values(t.Max(1), [3], new float[] { 4, 5, 6 });
        Assert.Equal(new[] { 1, 0, 1 }, t.ArgMax(1).ToArray<int>());
        Assert.Equal(new[] { 1, 2 }, t.ArgMax(0).ToArray<int>());
        var n = Tensor.Arange(20).Reshape(4, 5).Narrow(1, 1, 3); // rows [1,2,3], [6,7,8], ...
        Values(n.Sum(1), [4], new float[] { 6, 21, 36, 51 });
        Values(n.Mean(0), [3], new float[] { 8.5f, 9.5f, 10.5f });
        var e = Tensor.FromArray(new float[] { 1, 2, 3 }).Expand(4, 3);
        Values(e.Sum(0), [3], new float[] { 4, 8, 12 });
        Values(e.Var([0]), [3], new float[] { 0, 0, 0 });
    }

    [Fact]
    public void ZeroDimensionalAndEmpty()
    {
        var s = Tensor.Scalar(4);
        Values(s.Sum(), [], new float[] { 4 });
        Values(s.Max(), [], new float[] { 4 });
        Values(s.Mean(), [], new float[] { 4 });
        Values(Tensor.Zeros(0, 3).Sum(0), [3], new float[] { 0, 0, 0 });
        Values(Tensor.Zeros(0).Sum(), [], new float[] { 0 });
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(0, 3).Max(0));
        Assert.Contains("(0, 3)", ex.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 0).ArgMax(1));
    }

    [Fact]
    public void DimensionErrorsNameTheDimension()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => X.Sum(2));
        Assert.Equal("dim", ex.ParamName);
        Assert.Contains("rank 2", ex.Message);
        var rep = Assert.Throws<ArgumentException>(() => X.Sum([1, -1]));
        Assert.Equal("dims", rep.ParamName);
    }

    [Fact]
    public void NaNPropagatesThroughMaxAndArgMax()
    {
        var t = Tensor.FromArray(new float[] { 1, float.NaN, 3, 4, 5, 6 }, 2, 3);
        var m = t.Max(1).ToArray<float>();
        Assert.True(float.IsNaN(m[0]));
        Assert.Equal(6f, m[1]);
        Assert.Equal(new[] { 1, 2 }, t.ArgMax(1).ToArray<int>());
        Assert.True(float.IsNaN(t.Max(0).ToArray<float>()[1]));
    }

    [Fact]
    public void Float64Reductions()
    {
        var d = X.To(DType.Float64);
        Assert.Equal(DType.Float64, d.Sum().DType);
        Values(d.Var([0, 1]), [], new double[] { 3.5 }, 1e-15);
    }
}
