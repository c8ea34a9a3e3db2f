using DeepSharp.Tests.TestSupport;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Tensors;

/// <summary>Element-wise operations at hand-worked points: operators, unary functions, broadcasting
/// (scalar, row, column, 4-D) and non-contiguous operands.</summary>
public class TensorMathTests
{
    private static Tensor A => Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);

    [Fact]
    public void ArithmeticOperatorsSameShape()
    {
        var b = Tensor.FromArray(new float[] { 6, 5, 4, 3, 2, 1 }, 2, 3);
        Values(A + b, [2, 3], new float[] { 7, 7, 7, 7, 7, 7 });
        Values(A - b, [2, 3], new float[] { -5, -3, -1, 1, 3, 5 });
        Values(A * b, [2, 3], new float[] { 6, 10, 12, 12, 10, 6 });
        Values(A / b, [2, 3], new double[] { 1.0 / 6, 0.4, 0.75, 4.0 / 3, 2.5, 6 });
        Values(-A, [2, 3], new float[] { -1, -2, -3, -4, -5, -6 });
        Values(A.Add(b), [2, 3], new float[] { 7, 7, 7, 7, 7, 7 });
        Values(A.Sub(b).Mul(b).Div(b), [2, 3], new float[] { -5, -3, -1, 1, 3, 5 });
    }

    [Fact]
    public void ScalarOperandsOnBothSides()
    {
        Values(A + 1, [2, 3], new float[] { 2, 3, 4, 5, 6, 7 });
        Values(1 + A, [2, 3], new float[] { 2, 3, 4, 5, 6, 7 });
        Values(A - 1, [2, 3], new float[] { 0, 1, 2, 3, 4, 5 });
        Values(10 - A, [2, 3], new float[] { 9, 8, 7, 6, 5, 4 });
        Values(A * 2, [2, 3], new float[] { 2, 4, 6, 8, 10, 12 });
        Values(2 * A, [2, 3], new float[] { 2, 4, 6, 8, 10, 12 });
        Values(A / 2, [2, 3], new float[] { 0.5f, 1, 1.5f, 2, 2.5f, 3 });
        Values(12 / A, [2, 3], new float[] { 12, 6, 4, 3, 2.4f, 2 });
        Assert.Equal(DType.Float32, (A + 1).DType);
        Assert.Equal(DType.Float64, (A.To(DType.Float64) * 2).DType);
    }

    [Fact]
    public void UnaryFunctions()
    {
        var x = Tensor.FromArray(new double[] { -2, -0.5, 0, 0.5, 2 });
        Values(x.Neg(), [5], new double[] { 2, 0.5, 0, -0.5, -2 });
        Values(x.Abs(), [5], new double[] { 2, 0.5, 0, 0.5, 2 });
        Values(x.Exp(), [5], x.ToArray<double>().Select(Math.Exp).ToArray(), 1e-14);
        Values(x.Square(), [5], new double[] { 4, 0.25, 0, 0.25, 4 });
        Values(x.Sigmoid(), [5], x.ToArray<double>().Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), 1e-14);
        Values(x.Tanh(), [5], x.ToArray<double>().Select(Math.Tanh).ToArray(), 1e-14);
        Values(x.Atan(), [5], x.ToArray<double>().Select(Math.Atan).ToArray(), 1e-14);
        Values(x.Sin(), [5], x.ToArray<double>().Select(Math.Sin).ToArray(), 1e-14);
        Values(x.Cos(), [5], x.ToArray<double>().Select(Math.Cos).ToArray(), 1e-14);
        Values(x.Relu(), [5], new double[] { 0, 0, 0, 0.5, 2 });
        Values(x.Sign(), [5], new double[] { -1, -1, 0, 1, 1 });
        var p = Tensor.FromArray(new float[] { 0.25f, 1, 4, 9 });
        Values(p.Sqrt(), [4], new float[] { 0.5f, 1, 2, 3 });
        Values(p.Log(), [4], new double[] { Math.Log(0.25), 0, Math.Log(4), Math.Log(9) });
        Values(p.Reciprocal(), [4], new double[] { 4, 1, 0.25, 1.0 / 9 });
        Values(Tensor.FromArray(new float[] { 0, -1 }).Log(), [2], new[] { double.NegativeInfinity, double.NaN });
    }

    [Fact]
    public void PowClampMaximumMinimum()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 3 });
        Values(x.Pow(2), [3], new float[] { 1, 4, 9 });
        Values(x.Pow(0.5), [3], new double[] { 1, Math.Sqrt(2), Math.Sqrt(3) });
        Values(x.Pow(-1), [3], new double[] { 1, 0.5, 1.0 / 3 });
        Values(x.Pow(Tensor.FromArray(new float[] { 3, 2, 0 })), [3], new float[] { 1, 4, 1 });
        Values(x.Pow(Tensor.FromArray(new float[] { 1, 2 }, 2, 1)), [2, 3], new float[] { 1, 2, 3, 1, 4, 9 });
        var y = Tensor.FromArray(new float[] { -3, -1, 0, 1, 3 });
        Values(y.Clamp(-1, 2), [5], new float[] { -1, -1, 0, 1, 2 });
        Values(y.Clamp(min: 0), [5], new float[] { 0, 0, 0, 1, 3 });
        Values(y.Clamp(max: 0), [5], new float[] { -3, -1, 0, 0, 0 });
        Values(y.Maximum(Tensor.FromArray(new float[] { 0, 0, 0, 0, 0 })), [5], new float[] { 0, 0, 0, 1, 3 });
        Values(y.Minimum(0.5), [5], new float[] { -3, -1, 0, 0.5f, 0.5f });
        Values(y.Maximum(0.5), [5], new float[] { 0.5f, 0.5f, 0.5f, 1, 3 });
        Values(Tensor.FromArray(new float[] { 1, 5 }).Maximum(Tensor.FromArray(new float[] { 2, 3, 4 }, 3, 1)), [3, 2], new float[] { 2, 5, 3, 5, 4, 5 });
    }

    [Fact]
    public void ClampRejectsBadBounds()
    {
        Assert.Throws<ArgumentException>(() => A.Clamp());
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => A.Clamp(3, 1));
        Assert.Equal("min", ex.ParamName);
        Assert.Equal("max", Assert.Throws<ArgumentOutOfRangeException>(() => A.Clamp(0, double.NaN)).ParamName);
    }

    [Fact]
    public void NaNPropagatesThroughMaximumClampAndRelu()
    {
        var x = Tensor.FromArray(new float[] { float.NaN, 1 });
        Assert.True(float.IsNaN(x.Maximum(0).ToArray<float>()[0]));
        Assert.True(float.IsNaN(x.Minimum(0).ToArray<float>()[0]));
        Assert.True(float.IsNaN(x.Clamp(-1, 1).ToArray<float>()[0]));
        Assert.True(float.IsNaN(x.Relu().ToArray<float>()[0]));
    }

    [Fact]
    public void BroadcastScalarTensor()
    {
        var s = Tensor.Scalar(10);
        Values(A + s, [2, 3], new float[] { 11, 12, 13, 14, 15, 16 });
        Values(s - A, [2, 3], new float[] { 9, 8, 7, 6, 5, 4 });
        Values(s * s, [], new float[] { 100 });
    }

    [Fact]
    public void BroadcastRowAndColumn()
    {
        var row = Tensor.FromArray(new float[] { 10, 20, 30 });
        var row2 = Tensor.FromArray(new float[] { 10, 20, 30 }, 1, 3);
        var col = Tensor.FromArray(new float[] { 100, 200 }, 2, 1);
        Values(A + row, [2, 3], new float[] { 11, 22, 33, 14, 25, 36 });
        Values(row2 + A, [2, 3], new float[] { 11, 22, 33, 14, 25, 36 });
        Values(A * col, [2, 3], new float[] { 100, 200, 300, 800, 1000, 1200 });
        Values(col - A, [2, 3], new float[] { 99, 98, 97, 196, 195, 194 });
        Values(col + row, [2, 3], new float[] { 110, 120, 130, 210, 220, 230 });
        Values(row / col, [2, 3], new float[] { 0.1f, 0.2f, 0.3f, 0.05f, 0.1f, 0.15f });
    }

    [Fact]
    public void Broadcast4D()
    {
        // (2, 1, 3, 1) + (4, 1, 2) -> (2, 4, 3, 2): out[a, b, c, d] = x[a, 0, c, 0] + y[b, 0, d]
        var x = Tensor.Arange(6).Reshape(2, 1, 3, 1);
        var y = Tensor.Arange(8).Reshape(4, 1, 2) * 100;
        var r = x + y;
        Shape(r, 2, 4, 3, 2);
        var v = r.ToArray<float>();
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 4; b++)
                for (int c = 0; c < 3; c++)
                    for (int d = 0; d < 2; d++)
                        Assert.Equal(a * 3 + c + 100 * (b * 2 + d), v[((a * 4 + b) * 3 + c) * 2 + d]);
    }

    [Fact]
    public void NonContiguousOperands()
    {
        var t = Transposed(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3); // logical [[1,2,3],[4,5,6]]
        Values(t + 1, [2, 3], new float[] { 2, 3, 4, 5, 6, 7 });
        Values(t * A, [2, 3], new float[] { 1, 4, 9, 16, 25, 36 });
        Values(t.Exp().Log(), [2, 3], new float[] { 1, 2, 3, 4, 5, 6 }, 1e-6);
        var narrowed = Tensor.Arange(12).Reshape(3, 4).Narrow(1, 1, 2); // [[1,2],[5,6],[9,10]]
        Assert.False(narrowed.IsContiguous);
        Values(narrowed * 2, [3, 2], new float[] { 2, 4, 10, 12, 18, 20 });
        Values(narrowed.Neg(), [3, 2], new float[] { -1, -2, -5, -6, -9, -10 });
        var expanded = Tensor.FromArray(new float[] { 1, 2, 3 }).Expand(2, 3);
        Values(expanded + A, [2, 3], new float[] { 2, 4, 6, 5, 7, 9 });
        Values(expanded.Sqrt().Square(), [2, 3], new float[] { 1, 2, 3, 1, 2, 3 }, 1e-6);
        // transposed + transposed stays consistent with the contiguous computation
        var b = Tensor.Arange(6).Reshape(3, 2);
        Values(b.T + b.T, [2, 3], new float[] { 0, 4, 8, 2, 6, 10 });
        Values(b.T.Contiguous() * narrowed.T, [2, 3], new float[] { 0, 10, 36, 2, 18, 50 });
    }

    [Fact]
    public void ComparisonsReturnMasks()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 3 });
        var y = Tensor.FromArray(new float[] { 3, 2, 1 });
        Values(x.Eq(y), [3], new float[] { 0, 1, 0 });
        Values(x.Ne(y), [3], new float[] { 1, 0, 1 });
        Values(x.Gt(y), [3], new float[] { 0, 0, 1 });
        Values(x.Ge(y), [3], new float[] { 0, 1, 1 });
        Values(x.Lt(y), [3], new float[] { 1, 0, 0 });
        Values(x.Le(y), [3], new float[] { 1, 1, 0 });
        Values(x.Gt(1.5), [3], new float[] { 0, 1, 1 });
        Values(x.Le(2), [3], new float[] { 1, 1, 0 });
        Values(x.Eq(Tensor.FromArray(new float[] { 1, 3 }, 2, 1)), [2, 3], new float[] { 1, 0, 0, 0, 0, 1 });
        Assert.Equal(DType.Float32, x.Eq(y).DType);
        Assert.Equal(DType.Float64, x.To(DType.Float64).Lt(0).DType);
        var labels = Tensor.FromArray(new[] { 0, 2, 1 });
        var mask = labels.Eq(Tensor.FromArray(new[] { 0, 1, 1 }));
        Assert.Equal(DType.Float32, mask.DType);
        Values(mask, [3], new float[] { 1, 0, 1 });
        Values(labels.Eq(1.5), [3], new float[] { 0, 0, 0 });
        Values(labels.Lt(1.5), [3], new float[] { 1, 0, 1 });
        Values(Tensor.FromArray(new float[] { float.NaN }).Ne(Tensor.FromArray(new float[] { float.NaN })), [1], new float[] { 1 });
    }

    [Fact]
    public void WhereBroadcastsAllThree()
    {
        var cond = Tensor.FromArray(new float[] { 1, 0, 1 });
        Values(Tensor.Where(cond, A, Tensor.Scalar(-1)), [2, 3], new float[] { 1, -1, 3, 4, -1, 6 });
        var colCond = Tensor.FromArray(new[] { 0, 1 }, 2, 1);
        Values(Tensor.Where(colCond, A, A * 10), [2, 3], new float[] { 10, 20, 30, 4, 5, 6 });
        Values(Tensor.Where(A.Gt(3), A, Tensor.ZerosLike(A)), [2, 3], new float[] { 0, 0, 0, 4, 5, 6 });
        Values(Tensor.Where(Tensor.FromArray(new float[] { float.NaN }), Tensor.Scalar(1), Tensor.Scalar(2)), [1], new float[] { 1 });
    }

    [Fact]
    public void IntegerArithmeticIsRejectedClearly()
    {
        var i = Tensor.FromArray(new[] { 1, 2 });
        var ex = Assert.Throws<NotSupportedException>(() => i + i);
        Assert.Contains("Int32", ex.Message);
        Assert.Throws<NotSupportedException>(() => i.Exp());
    }

    [Fact]
    public void MixedDTypesAreRejectedNamingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => A + A.To(DType.Float64));
        Assert.Contains("Float32", ex.Message);
        Assert.Contains("Float64", ex.Message);
    }

    [Fact]
    public void InPlaceAddCopyAndFill()
    {
        var t = Tensor.Zeros(2, 3);
        t.AddInPlace(A);
        t.AddInPlace(Tensor.FromArray(new float[] { 1, 1, 1 }));
        Values(t, [2, 3], new float[] { 2, 3, 4, 5, 6, 7 });
        Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(3).AddInPlace(A));
        var view = t.Narrow(1, 1, 2);
        view.CopyFrom(Tensor.FromArray(new float[] { -1, -2 }));
        Values(t, [2, 3], new float[] { 2, -1, -2, 5, -1, -2 });
        view.Fill(9);
        Values(t, [2, 3], new float[] { 2, 9, 9, 5, 9, 9 });
        t.T.CopyFrom(Tensor.Arange(6).Reshape(3, 2));
        Values(t, [2, 3], new float[] { 0, 2, 4, 1, 3, 5 });
    }

    [Fact]
    public void LargeTensorsGiveTheSameResultOnOneOrManyThreads()
    {
        int n = 61 * (Parallelism.ElementWiseThreshold / 61 + 1); // just above the split threshold
        var rng = new RandomGenerator(7);
        var x = Tensor.Rand([n], rng);
        var y = Tensor.Rand([n], rng);
        var rows = x.Reshape(-1, 61);
        var bias = Tensor.Rand([61], rng);
        Tensor[] Run() => [x + y, x.Exp(), rows + bias, rows.T * 2, (rows.T + 1).T, x.Narrow(0, 5, n - 10).Tanh()];
        var single = TestThreads.Run(1, Run);
        var multi = TestThreads.Run(4, Run);
        for (int i = 0; i < single.Length; i++)
            Assert.True(single[i].ToArray<float>().SequenceEqual(multi[i].ToArray<float>()), $"result {i} differs");
        var xs = x.ToArray<float>();
        var shifted = multi[4].ToArray<float>();
        for (int i = 0; i < n; i += 997) Assert.Equal(xs[i] + 1, shifted[i]);
    }
}
