using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Tensors;

/// <summary>Gather and IndexSelect at hand-worked points, with their error messages.</summary>
public class TensorIndexingTests
{
    private static Tensor X => Tensor.Arange(12).Reshape(3, 4); // x[i,j] = 4i + j

    [Fact]
    public void IndexSelectAlongEachDimension()
    {
        var rows = Tensor.FromArray(new[] { 2, 0, 2 });
        Values(X.IndexSelect(0, rows), [3, 4], new float[] { 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11 });
        Values(X.IndexSelect(1, Tensor.FromArray(new[] { 3, 1 })), [3, 2], new float[] { 3, 1, 7, 5, 11, 9 });
        Values(X.IndexSelect(-1, Tensor.FromArray(new[] { 0 })), [3, 1], new float[] { 0, 4, 8 });
        Values(X.T.IndexSelect(0, Tensor.FromArray(new[] { 1 })), [1, 3], new float[] { 1, 5, 9 }); // non-contiguous input
        Shape(X.IndexSelect(0, Tensor.Zeros([0], DType.Int32)), 0, 4);
        Assert.Equal(new[] { 30, 10 }, Tensor.FromArray(new[] { 10, 20, 30 }).IndexSelect(0, Tensor.FromArray(new[] { 2, 0 })).ToArray<int>());
    }

    [Fact]
    public void GatherPicksPerRow()
    {
        // out[i][j] = x[i][index[i][j]]
        var idx = Tensor.FromArray(new[] { 3, 0, 1, 1, 2, 0 }, 3, 2);
        Values(X.Gather(1, idx), [3, 2], new float[] { 3, 0, 5, 5, 10, 8 });
        // out[i][j] = x[index[i][j]][j]
        var idx0 = Tensor.FromArray(new[] { 2, 0, 1, 1 }, 1, 4);
        Values(X.Gather(0, idx0), [1, 4], new float[] { 8, 1, 6, 7 });
        // the classic use: pick each row's label score
        var labels = Tensor.FromArray(new[] { 1, 3, 0 }).Unsqueeze(1);
        Values(X.Gather(1, labels).Squeeze(1), [3], new float[] { 1, 7, 8 });
        // 3-D along the middle dimension
        var g = Tensor.Arange(24).Reshape(2, 3, 4);
        var mid = Tensor.FromArray(new[] { 2, 0, 1, 1, 0, 0, 0, 2 }, 2, 1, 4);
        Values(g.Gather(1, mid), [2, 1, 4], new float[] { 8, 1, 6, 7, 12, 13, 14, 23 });
    }

    [Fact]
    public void ErrorsNameTheProblem()
    {
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => X.IndexSelect(0, Tensor.FromArray(new[] { 3 })));
        Assert.Equal("index", outOfRange.ParamName);
        Assert.Contains("size 3", outOfRange.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => X.IndexSelect(0, Tensor.FromArray(new[] { -1 })));
        var notInt = Assert.Throws<ArgumentException>(() => X.IndexSelect(0, Tensor.Zeros(2)));
        Assert.Equal("index", notInt.ParamName);
        Assert.Contains("Int32", notInt.Message);
        Assert.Throws<ShapeMismatchException>(() => X.IndexSelect(0, Tensor.Zeros([1, 1], DType.Int32)));
        var rank = Assert.Throws<ShapeMismatchException>(() => X.Gather(1, Tensor.Zeros([3], DType.Int32)));
        Assert.Contains("(3,)", rank.Message);
        Assert.Contains("(3, 4)", rank.Message);
        Assert.Throws<ShapeMismatchException>(() => X.Gather(1, Tensor.Zeros([2, 1], DType.Int32)));
        Assert.Throws<ArgumentOutOfRangeException>(() => X.Gather(1, Tensor.Full([3, 1], 4, DType.Int32)));
    }
}
