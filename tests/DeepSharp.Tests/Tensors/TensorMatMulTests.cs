using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Tensors;

/// <summary>MatMul over every rank combination against a naive loop, including batch broadcasting,
/// vectors and non-contiguous operands.</summary>
public class TensorMatMulTests
{
    /// <summary>The naive batched product of two (batch, n, k) x (batch, k, m) double arrays.</summary>
    private static double[] Naive(double[] a, double[] b, int batch, int n, int k, int m, bool broadcastA = false, bool broadcastB = false)
    {
        var c = new double[batch * n * m];
        for (int p = 0; p < batch; p++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int q = 0; q < k; q++)
                        s += a[(broadcastA ? 0 : p) * n * k + i * k + q] * b[(broadcastB ? 0 : p) * k * m + q * m + j];
                    c[(p * n + i) * m + j] = s;
                }
        return c;
    }

    private static Tensor R(RandomGenerator rng, params int[] shape) => Tensor.Randn(shape, rng, DType.Float64);

    [Fact]
    public void HandWorked2D()
    {
        var a = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = Tensor.FromArray(new float[] { 7, 8, 9, 10, 11, 12 }, 3, 2);
        Values(a.MatMul(b), [2, 2], new float[] { 58, 64, 139, 154 });
        Values(b.MatMul(a), [3, 3], new float[] { 39, 54, 69, 49, 68, 87, 59, 82, 105 });
    }

    [Fact]
    public void VectorCases()
    {
        var v = Tensor.FromArray(new float[] { 1, 2, 3 });
        var m = Tensor.FromArray(new float[] { 1, 0, 0, 1, 1, 1 }, 3, 2);
        Values(v.MatMul(v), [], new float[] { 14 });
        Values(v.MatMul(m), [2], new float[] { 4, 5 });
        Values(m.T.MatMul(v), [2], new float[] { 4, 5 });
        var batch = Tensor.Arange(12).Reshape(2, 3, 2);
        Values(v.MatMul(batch), [2, 2], new float[] { 16, 22, 52, 58 });
        Values(batch.Transpose(1, 2).MatMul(v), [2, 2], new float[] { 16, 22, 52, 58 });
        var ex = Assert.Throws<ShapeMismatchException>(() => v.MatMul(Tensor.Ones(4)));
        Assert.Contains("(3,)", ex.Message);
        Assert.Contains("(4,)", ex.Message);
    }

    [Fact]
    public void BatchedAndBroadcastBatches()
    {
        var rng = new RandomGenerator(1);
        var a = R(rng, 4, 3, 5);
        var b = R(rng, 4, 5, 2);
        Values(a.MatMul(b), [4, 3, 2], Naive(a.ToArray<double>(), b.ToArray<double>(), 4, 3, 5, 2), 1e-12);
        var w = R(rng, 5, 2);
        Values(a.MatMul(w), [4, 3, 2], Naive(a.ToArray<double>(), w.ToArray<double>(), 4, 3, 5, 2, broadcastB: true), 1e-12);
        var x = R(rng, 3, 5);
        Values(x.MatMul(b), [4, 3, 2], Naive(x.ToArray<double>(), b.ToArray<double>(), 4, 3, 5, 2, broadcastA: true), 1e-12);
        // (2, 1, 3, 5) x (4, 5, 2) -> (2, 4, 3, 2)
        var a4 = R(rng, 2, 1, 3, 5);
        var c4 = a4.MatMul(b);
        Shape(c4, 2, 4, 3, 2);
        for (int i = 0; i < 2; i++)
            Values(c4[i], [4, 3, 2], Naive(a4[i][0].ToArray<double>(), b.ToArray<double>(), 4, 3, 5, 2, broadcastA: true), 1e-12);
        var ex = Assert.Throws<ShapeMismatchException>(() => R(rng, 2, 3, 5).MatMul(R(rng, 3, 5, 2)));
        Assert.Contains("(2,)", ex.Message);
        Assert.Contains("(3,)", ex.Message);
    }

    [Fact]
    public void NonContiguousOperands()
    {
        var rng = new RandomGenerator(2);
        var a = R(rng, 5, 3);
        var b = R(rng, 4, 5);
        var expected = a.T.Contiguous().MatMul(b.T.Contiguous());
        Same(expected, a.T.MatMul(b.T), 1e-12);
        var big = R(rng, 6, 8);
        var sub = big.Narrow(0, 1, 3).Narrow(1, 2, 5); // (3, 5) with row stride 8
        Same(sub.Contiguous().MatMul(b.T), sub.MatMul(b.T), 1e-12);
        var expandedBatch = R(rng, 1, 3, 5).Expand(4, 3, 5);
        Same(expandedBatch.Contiguous().MatMul(b.T), expandedBatch.MatMul(b.T), 1e-12);
        var permuted = R(rng, 5, 2, 3).Permute(1, 2, 0); // (2, 3, 5), every stride unusual
        Same(permuted.Contiguous().MatMul(b.T), permuted.MatMul(b.T), 1e-12);
    }

    [Fact]
    public void EmptyDimensions()
    {
        Values(Tensor.Zeros(2, 0).MatMul(Tensor.Zeros(0, 3)), [2, 3], new float[6]);
        Shape(Tensor.Zeros(0, 4).MatMul(Tensor.Zeros(4, 3)), 0, 3);
        Values(Tensor.Zeros(2, 2, 0).MatMul(Tensor.Zeros(0, 3)), [2, 2, 3], new float[12]);
    }

    [Fact]
    public void ErrorsNameBothShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(64, 784).MatMul(Tensor.Zeros(128, 10)));
        Assert.Equal("MatMul: (64, 784) x (128, 10): inner dimensions 784 and 128 differ.", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => Tensor.Scalar(1).MatMul(Tensor.Zeros(1)));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 2).MatMul(Tensor.Zeros([2, 2], DType.Float64)));
        Assert.Throws<NotSupportedException>(() => Tensor.Zeros([2, 2], DType.Int32).MatMul(Tensor.Zeros([2, 2], DType.Int32)));
    }
}
