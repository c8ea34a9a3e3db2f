using DeepSharp.Tensors;

namespace DeepSharp.Tests.Tensors;

public class TensorArenaTests
{
    [Fact]
    public void StorageIsReusedByTheNextScopeAndNothingNewIsPooled()
    {
        var arena = new TensorArena();
        float[] first;
        using (arena.Begin())
        {
            var t = Tensor.Zeros(4, 5) + 1.0;
            first = t.ToFloatArray();
            Assert.Equal(2 * 20 * 4 + 4, arena.RentedBytes);
        }
        long pooled = arena.PooledBytes;
        using (arena.Begin())
        {
            var t = Tensor.Zeros(4, 5) + 1.0;
            Assert.Equal(first, t.ToFloatArray());
        }
        Assert.Equal(pooled, arena.PooledBytes);
    }

    [Fact]
    public void LeafGradientsAreAllocatedOutsideTheArena()
    {
        var arena = new TensorArena();
        var w = Tensor.FromArray(new float[] { 1, 2, 3 }).RequireGrad();
        using (arena.Begin()) (w * w).Sum().Backward();
        using (arena.Begin())
        {
            // Reusing every pooled buffer must not touch the gradient.
            for (int i = 0; i < 4; i++) Tensor.Full([3], 99.0).Add(Tensor.Full([3], 1.0));
        }
        Assert.Equal(new float[] { 2, 4, 6 }, w.Grad!.ToFloatArray());
    }

    [Fact]
    public void SuspendAllocatesOutsideAndNestedBeginThrows()
    {
        var arena = new TensorArena();
        using (arena.Begin())
        {
            Assert.Same(arena, TensorArena.Current);
            using (TensorArena.Suspend())
            {
                Assert.Null(TensorArena.Current);
                Tensor.Zeros(10);
            }
            Assert.Equal(0, arena.PooledBytes);
            Assert.Throws<InvalidOperationException>(() => arena.Begin());
        }
        Assert.Null(TensorArena.Current);
    }

    [Fact]
    public void DisposingASuspendScopeTwiceKeepsTheArenaServing()
    {
        var arena = new TensorArena();
        using (arena.Begin())
        {
            var suspend = TensorArena.Suspend();
            suspend.Dispose();
            suspend.Dispose();
            Assert.Same(arena, TensorArena.Current);
        }
    }
}
