using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Tensors;

/// <summary>Creation functions, conversions, ToArray / Item and ToString.</summary>
public class TensorCreationTests
{
    [Fact]
    public void ZerosOnesFull()
    {
        Values(Tensor.Zeros(2, 2), [2, 2], new float[] { 0, 0, 0, 0 });
        Values(Tensor.Ones(3), [3], new float[] { 1, 1, 1 });
        var f = Tensor.Full([2, 1], 2.5, DType.Float64);
        Assert.Equal(DType.Float64, f.DType);
        Values(f, [2, 1], new double[] { 2.5, 2.5 });
        Assert.Equal(new[] { 7, 7 }, Tensor.Full([2], 7, DType.Int32).ToArray<int>());
        Assert.Equal(DType.Int32, Tensor.Zeros([4], DType.Int32).DType);
        Values(Tensor.Ones([2], DType.Float64), [2], new double[] { 1, 1 });
        Values(Tensor.Scalar(3), [], new float[] { 3 });
        var like = Tensor.Zeros([2, 3], DType.Float64);
        Values(Tensor.OnesLike(like), [2, 3], new double[] { 1, 1, 1, 1, 1, 1 });
        Assert.Equal(DType.Float64, Tensor.ZerosLike(like).DType);
        Shape(Tensor.Zeros(0, 5), 0, 5);
        Assert.Equal(0, Tensor.Zeros(0, 5).Numel);
        var shape = new[] { 2, 2 };
        var z = Tensor.Zeros(shape);
        shape[0] = 9; // the tensor must not alias the caller's array
        Shape(z, 2, 2);
    }

    [Fact]
    public void ArangeAndLinspace()
    {
        Values(Tensor.Arange(4), [4], new float[] { 0, 1, 2, 3 });
        Values(Tensor.Arange(1, 2, 0.25), [4], new float[] { 1, 1.25f, 1.5f, 1.75f });
        Values(Tensor.Arange(5, 0, -2), [3], new float[] { 5, 3, 1 });
        Shape(Tensor.Arange(3, 3), 0);
        Assert.Equal(new[] { 0, 1, 2 }, Tensor.Arange(3, DType.Int32).ToArray<int>());
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Arange(0, 1, 0));
        Assert.Equal("step", ex.ParamName);
        Values(Tensor.Linspace(0, 1, 5), [5], new float[] { 0, 0.25f, 0.5f, 0.75f, 1 });
        Values(Tensor.Linspace(2, 2, 1), [1], new float[] { 2 });
        Shape(Tensor.Linspace(0, 1, 0), 0);
        Assert.Equal(1.0, Tensor.Linspace(-1, 1, 7, DType.Float64).ToArray<double>()[^1]);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Linspace(0, 1, -1)).ParamName);
    }

    [Fact]
    public void Eye()
    {
        Values(Tensor.Eye(3), [3, 3], new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
        Values(Tensor.Eye(2, 3), [2, 3], new float[] { 1, 0, 0, 0, 1, 0 });
        Values(Tensor.Eye(3, 2, DType.Float64), [3, 2], new double[] { 1, 0, 0, 1, 0, 0 });
    }

    [Fact]
    public void FromArrayOneToFourDimensions()
    {
        Values(Tensor.FromArray(new float[] { 1, 2, 3 }), [3], new float[] { 1, 2, 3 });
        Values(Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }), [2, 3], new float[] { 1, 2, 3, 4, 5, 6 });
        Values(Tensor.FromArray(new float[,,] { { { 1, 2 } }, { { 3, 4 } } }), [2, 1, 2], new float[] { 1, 2, 3, 4 });
        var four = new float[2, 1, 2, 3];
        for (int i = 0; i < 2; i++) for (int k = 0; k < 2; k++) for (int l = 0; l < 3; l++) four[i, 0, k, l] = i * 100 + k * 10 + l;
        Values(Tensor.FromArray(four), [2, 1, 2, 3], new float[] { 0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112 });
        Values(Tensor.FromArray(new double[,] { { 1.5 }, { 2.5 } }), [2, 1], new double[] { 1.5, 2.5 });
        Assert.Equal(DType.Float64, Tensor.FromArray(new double[,,] { { { 1 } } }).DType);
        Shape(Tensor.FromArray(new double[1, 2, 3, 4]), 1, 2, 3, 4);
        Assert.Equal(new[] { 1, 2, 3, 4 }, Tensor.FromArray(new[,] { { 1, 2 }, { 3, 4 } }).ToArray<int>());
        Values(Tensor.FromSpan<float>(new float[] { 1, 2, 3, 4 }.AsSpan(1, 2)), [2], new float[] { 2, 3 });
        var source = new float[] { 1, 2 };
        var copy = Tensor.FromArray(source);
        source[0] = 9;
        Assert.Equal(1f, copy.ToArray<float>()[0]); // FromArray copies ...
        var wrapped = Tensor.Wrap(source);
        source[1] = 8;
        Assert.Equal(8f, wrapped.ToArray<float>()[1]); // ... Wrap shares
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.FromArray(new float[5], 2, 3));
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("5", ex.Message);
    }

    [Fact]
    public void RandomCreationIsSeededAndShaped()
    {
        var a = Tensor.Randn([3, 4], new RandomGenerator(5));
        var b = Tensor.Randn([3, 4], new RandomGenerator(5));
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        Shape(a, 3, 4);
        var u = Tensor.Rand([1000], new RandomGenerator(6), DType.Float64).ToArray<double>();
        Assert.All(u, v => Assert.InRange(v, 0.0, 1.0 - 1e-300));
        var w = Tensor.Uniform([1000], -2, 3, new RandomGenerator(6)).ToArray<float>();
        Assert.All(w, v => Assert.InRange(v, -2f, 3f));
        var scaled = Tensor.Randn([20000], new RandomGenerator(7), DType.Float64, mean: 5, std: 2);
        Assert.InRange(scaled.Mean().Item(), 4.95, 5.05);
        Assert.InRange(scaled.Std().Item(), 1.95, 2.05);
        var ints = Tensor.RandInt(-3, 4, [5000], new RandomGenerator(8));
        Assert.Equal(DType.Int32, ints.DType);
        var values = ints.ToArray<int>();
        Assert.All(values, v => Assert.InRange(v, -3, 3));
        Assert.Equal(7, values.Distinct().Count());
        var perm = Tensor.RandPerm(50, new RandomGenerator(9));
        Assert.Equal(DType.Int32, perm.DType);
        Assert.Equal(Enumerable.Range(0, 50), perm.ToArray<int>().Order());
        Assert.NotEqual(Enumerable.Range(0, 50), perm.ToArray<int>());
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.RandInt(3, 3, [1]));
    }

    [Fact]
    public void OneHot()
    {
        var oh = Tensor.OneHot(Tensor.FromArray(new[] { 2, 0, 1 }), 3);
        Values(oh, [3, 3], new float[] { 0, 0, 1, 1, 0, 0, 0, 1, 0 });
        Assert.Equal(DType.Float32, oh.DType);
        Values(Tensor.OneHot(Tensor.FromArray(new[] { 1, 0 }, 2, 1), 2, DType.Float64), [2, 1, 2], new double[] { 0, 1, 1, 0 });
        // from a non-contiguous index tensor
        Values(Tensor.OneHot(Tensor.FromArray(new[] { 0, 1, 2, 0 }, 2, 2).T, 3), [2, 2, 3], new float[] { 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0 });
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.OneHot(Tensor.FromArray(new[] { 3 }), 3));
        Assert.Equal("indices", bad.ParamName);
        Assert.Contains("3", bad.Message);
        Assert.Equal("indices", Assert.Throws<ArgumentException>(() => Tensor.OneHot(Tensor.Zeros(2), 3)).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.OneHot(Tensor.FromArray(new[] { 0 }), 0)).ParamName);
    }

    [Fact]
    public void ToArrayItemAndConversions()
    {
        var t = Tensor.FromArray(new float[] { 1.5f, -2.5f, 3 }, 3);
        Assert.Equal(new[] { 1.5, -2.5, 3 }, t.ToArray<double>());
        Assert.Equal(new[] { 1.5, -2.5, 3 }, t.ToDoubleArray());
        Assert.Equal(new[] { 1.5f, -2.5f, 3f }, t.ToFloatArray());
        Assert.Equal(new[] { 1, -2, 3 }, t.ToArray<int>()); // truncation toward zero
        Assert.Equal(new[] { 1, -2, 3 }, t.To(DType.Int32).ToArray<int>());
        Assert.Same(t, t.To(DType.Float32));
        Assert.Equal(3.0, t[2].Item());
        Assert.Equal(-2.5f, t[1].Item<float>());
        Assert.Equal(4, Tensor.FromArray(new[] { 4 }).Item<int>());
        Assert.Equal(4.0, Tensor.FromArray(new[] { 4 }).Item());
        Assert.Equal(0.25, Tensor.Full([1, 1], 0.25, DType.Float64).Item());
        var ex = Assert.Throws<InvalidOperationException>(() => t.Item());
        Assert.Contains("(3,)", ex.Message);
        Assert.Throws<InvalidOperationException>(() => t[0].Item<double>()); // wrong dtype named
        var d = t.To(DType.Float64);
        Assert.Equal(DType.Float64, d.DType);
        Assert.Equal(new[] { 1.5, -2.5, 3 }, d.ToArray<double>());
        Assert.Equal(new[] { 1.5f, -2.5f, 3f }, Tensor.FromArray(new double[] { 1.5, -2.5, 3 }).To(DType.Float32).ToArray<float>());
        Assert.Equal(new[] { 4.0, 5.0 }, Tensor.FromArray(new[] { 4, 5 }).To(DType.Float64).ToArray<double>());
        Assert.Equal(new[] { 2.0, 4.0 }, Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2).T[1].ToArray<double>()); // strided + converted
    }

    [Fact]
    public void SpanAccess()
    {
        var t = Tensor.Arange(6).Reshape(2, 3);
        Assert.Equal(3f, t[1].AsSpan<float>()[0]);
        Assert.Throws<InvalidOperationException>(() => t.T.AsSpan<float>());
        Assert.Throws<InvalidOperationException>(() => t.AsSpan<double>());
        Assert.Equal(2, t.Rank);
        Assert.Equal(3, t.Size(-1));
        Assert.Equal(new[] { 3, 1 }, t.Strides.ToArray());
        Assert.Equal(new[] { 2, 3 }, t.ShapeArray);
    }

    [Fact]
    public void ToStringShowsShapeAndValues()
    {
        var t = Tensor.FromArray(new float[] { 1, 2.5f, -3, 4 }, 2, 2);
        Assert.Equal("Tensor(shape=(2, 2), dtype=Float32)\n[[1, 2.5],\n [-3, 4]]", t.ToString());
        Assert.Equal("Tensor(shape=(), dtype=Float64)\n0.5", Tensor.Scalar(0.5, DType.Float64).ToString());
        Assert.Equal("Tensor(shape=(3,), dtype=Int32)\n[1, 2, 3]", Tensor.FromArray(new[] { 1, 2, 3 }).ToString());
        Assert.Equal("Tensor(shape=(2, 3), dtype=Float32)\n[[0, 2, 4],\n [1, 3, 5]]", Tensor.Arange(6).Reshape(3, 2).T.ToString());
        var g = Tensor.Ones(2).RequireGrad();
        Assert.StartsWith("Tensor(shape=(2,), dtype=Float32, requiresGrad)", g.ToString());
        Assert.Contains("gradFn=MulBackward", (g * 2).ToString());
    }

    [Fact]
    public void ToStringTruncatesLargeTensors()
    {
        var big = Tensor.Arange(10000).Reshape(100, 100);
        var s = big.ToString();
        Assert.StartsWith("Tensor(shape=(100, 100), dtype=Float32)\n[[0, 1, 2, ..., 97, 98, 99],\n [100, 101, 102, ..., 197, 198, 199],\n [200,", s);
        Assert.Contains("...,\n", s);
        Assert.EndsWith("[9900, 9901, 9902, ..., 9997, 9998, 9999]]", s);
        Assert.True(s.Length < 600, $"summary too long: {s.Length} chars");
        var line = Tensor.Arange(5000).ToString();
        Assert.Equal("Tensor(shape=(5000,), dtype=Float32)\n[0, 1, 2, ..., 4997, 4998, 4999]", line);
        Assert.DoesNotContain("...", Tensor.Arange(1000).ToString());
    }
}
