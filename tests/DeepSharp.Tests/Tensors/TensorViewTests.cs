using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Tensors;

/// <summary>Views share storage and see the right elements; copies happen only where the layout demands.</summary>
public class TensorViewTests
{
    private static Tensor Grid() => Tensor.Arange(24).Reshape(2, 3, 4); // g[a,b,c] = 12a + 4b + c

    private static bool SharesStorage(Tensor a, Tensor b) => a.SharesStorageWith(b);

    [Fact]
    public void ReshapeAndViewShareStorageWhenContiguous()
    {
        var g = Grid();
        var r = g.Reshape(6, 4);
        Assert.True(SharesStorage(g, r));
        Values(r[1], [4], new float[] { 4, 5, 6, 7 });
        Shape(g.Reshape(-1), 24);
        Shape(g.Reshape(4, -1), 4, 6);
        Shape(g.View(2, 12), 2, 12);
        r.Narrow(0, 0, 1).Fill(-1);
        Assert.Equal(-1f, g.ToArray<float>()[3]); // the write is visible through the original
    }

    [Fact]
    public void ReshapeOfNonContiguousCopiesAndViewThrows()
    {
        var t = Grid().Transpose(1, 2); // (2, 4, 3)
        var r = t.Reshape(-1);
        Assert.False(SharesStorage(t, r));
        Values(r.Narrow(0, 0, 6), [6], new float[] { 0, 4, 8, 1, 5, 9 });
        var ex = Assert.Throws<InvalidOperationException>(() => t.View(24));
        Assert.Contains("not contiguous", ex.Message);
    }

    [Fact]
    public void ReshapeErrorsNameTheShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Grid().Reshape(5, 5));
        Assert.Contains("(5, 5)", ex.Message);
        Assert.Contains("(2, 3, 4)", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => Grid().Reshape(-1, 5));
        var two = Assert.Throws<ArgumentException>(() => Grid().Reshape(-1, -1));
        Assert.Equal("shape", two.ParamName);
    }

    [Fact]
    public void TransposePermuteAndT()
    {
        var g = Grid();
        var p = g.Permute(2, 0, 1); // p[c,a,b] = g[a,b,c]
        Shape(p, 4, 2, 3);
        Assert.True(SharesStorage(g, p));
        Assert.False(p.IsContiguous);
        Values(p[1], [2, 3], new float[] { 1, 5, 9, 13, 17, 21 });
        Values(g.Transpose(0, 2)[3], [3, 2], new float[] { 3, 15, 7, 19, 11, 23 });
        Values(g.Transpose(-1, -3).Transpose(0, 2), [2, 3, 4], Grid().ToArray<double>());
        var m = Tensor.Arange(6).Reshape(2, 3);
        Values(m.T, [3, 2], new float[] { 0, 3, 1, 4, 2, 5 });
        Assert.Throws<InvalidOperationException>(() => g.T);
        var dup = Assert.Throws<ArgumentException>(() => g.Permute(0, 0, 1));
        Assert.Equal("order", dup.ParamName);
        Assert.Throws<ArgumentException>(() => g.Permute(0, 1));
    }

    [Fact]
    public void SqueezeUnsqueezeFlatten()
    {
        var t = Tensor.Arange(6).Reshape(1, 2, 1, 3);
        Shape(t.Squeeze(), 2, 3);
        Shape(t.Squeeze(0), 2, 1, 3);
        Shape(t.Squeeze(2), 1, 2, 3);
        Shape(t.Squeeze(1), 1, 2, 1, 3); // not size 1: unchanged
        Shape(t.Unsqueeze(0), 1, 1, 2, 1, 3);
        Shape(t.Unsqueeze(-1), 1, 2, 1, 3, 1);
        Shape(t.Flatten(), 6);
        Shape(t.Flatten(1), 1, 6);
        Shape(t.Flatten(1, 2), 1, 2, 3);
        Shape(Tensor.Scalar(1).Flatten(), 1);
        Shape(Tensor.Scalar(1).Unsqueeze(0), 1);
        // on a transposed tensor squeeze / unsqueeze stay views with the right elements
        var tt = Tensor.Arange(6).Reshape(2, 3).T.Unsqueeze(1); // (3, 1, 2)
        Assert.False(tt.IsContiguous);
        Values(tt.Squeeze(1), [3, 2], new float[] { 0, 3, 1, 4, 2, 5 });
        Values(tt, [3, 1, 2], new float[] { 0, 3, 1, 4, 2, 5 });
        Values(tt.Flatten(), [6], new float[] { 0, 3, 1, 4, 2, 5 });
        Assert.Throws<ArgumentException>(() => t.Flatten(2, 1));
    }

    [Fact]
    public void ExpandUsesZeroStrides()
    {
        var row = Tensor.FromArray(new float[] { 1, 2, 3 });
        var e = row.Expand(2, 3);
        Assert.True(SharesStorage(row, e));
        Assert.Equal(0, e.Strides[0]);
        Values(e, [2, 3], new float[] { 1, 2, 3, 1, 2, 3 });
        Values(Tensor.FromArray(new float[] { 1, 2 }, 2, 1).Expand(-1, 3), [2, 3], new float[] { 1, 1, 1, 2, 2, 2 });
        Shape(row.Expand(4, 2, 3), 4, 2, 3);
        var ex = Assert.Throws<ShapeMismatchException>(() => row.Expand(2, 4));
        Assert.Contains("(3,)", ex.Message);
        Assert.Contains("(2, 4)", ex.Message);
    }

    [Fact]
    public void NarrowSliceAndIndexer()
    {
        var g = Grid();
        Values(g.Narrow(2, 1, 2)[0], [3, 2], new float[] { 1, 2, 5, 6, 9, 10 });
        Values(g.Narrow(1, -1, 1).Squeeze(1), [2, 4], new float[] { 8, 9, 10, 11, 20, 21, 22, 23 });
        Values(g.Slice(2, 1..3)[1][2], [2], new float[] { 21, 22 });
        Values(g.Slice(2, ^1..)[0], [3, 1], new float[] { 3, 7, 11 });
        Values(g[-1][0], [4], new float[] { 12, 13, 14, 15 });
        Assert.Equal(23.0, g[1][2][3].Item());
        Assert.True(SharesStorage(g, g[1][2]));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => g[2]);
        Assert.Equal("index", ex.ParamName);
        Assert.Contains("size 2", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Narrow(1, 2, 2));
        Assert.Throws<InvalidOperationException>(() => Tensor.Scalar(1)[0]);
        Shape(g.Narrow(0, 1, 0), 0, 3, 4);
    }

    [Fact]
    public void ContiguousCopiesOnlyWhenNeeded()
    {
        var g = Grid();
        Assert.Same(g, g.Contiguous());
        var t = g.Transpose(0, 1);
        var c = t.Contiguous();
        Assert.True(c.IsContiguous);
        Assert.False(SharesStorage(t, c));
        Values(c, [3, 2, 4], t.ToArray<double>());
        var narrowRows = g.Narrow(0, 1, 1); // contiguous with an offset
        Assert.True(narrowRows.IsContiguous);
        Assert.Same(narrowRows, narrowRows.Contiguous());
        Values(narrowRows.Reshape(12).Narrow(0, 0, 2), [2], new float[] { 12, 13 });
    }

    [Fact]
    public void CatAndStack()
    {
        var a = Tensor.Arange(6).Reshape(2, 3);
        var b = Tensor.Arange(3).Reshape(1, 3) + 10;
        Values(Tensor.Cat([a, b]), [3, 3], new float[] { 0, 1, 2, 3, 4, 5, 10, 11, 12 });
        Values(Tensor.Cat([a, a.Narrow(1, 0, 1)], dim: 1), [2, 4], new float[] { 0, 1, 2, 0, 3, 4, 5, 3 });
        Values(Tensor.Cat([a.T, b.T], dim: -1), [3, 3], new float[] { 0, 3, 10, 1, 4, 11, 2, 5, 12 });
        Values(Tensor.Stack([a, a * 2]), [2, 2, 3], new float[] { 0, 1, 2, 3, 4, 5, 0, 2, 4, 6, 8, 10 });
        Values(Tensor.Stack([a, a * 2], dim: 2), [2, 3, 2], new float[] { 0, 0, 1, 2, 2, 4, 3, 6, 4, 8, 5, 10 });
        Values(Tensor.Stack([Tensor.Scalar(1), Tensor.Scalar(2)]), [2], new float[] { 1, 2 });
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Cat([a, b], dim: 1));
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("(1, 3)", ex.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Cat([]));
        Assert.Throws<ArgumentException>(() => Tensor.Stack([]));
    }
}
