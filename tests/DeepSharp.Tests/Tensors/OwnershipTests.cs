using DeepSharp.Autograd;
using DeepSharp.Backends.Cpu;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Tensors.TensorAssert;

namespace DeepSharp.Tests.Tensors;

/// <summary>The ownership checks PyTorch makes, and the ones the arena and the data loader need:
/// the reproductions, each of which gave a silent wrong result before.</summary>
public class OwnershipTests
{
    private static Tensor Leaf(params double[] v) => Tensor.FromArray(v).RequireGrad();

    [Fact]
    public void InPlaceOnAnOutputTheGraphTracksIsRefused()
    {
        // Repro 1: y = x.Exp(); y += 1; backward gave x.Grad = [2, 3.718, 8.389] instead of e^x.
        var x = Leaf(0, 1, 2);
        var y = x.Exp();
        var ex = Assert.Throws<InvalidOperationException>(() => y.AddInPlace(Tensor.OnesLike(y)));
        Assert.Contains("in-place", ex.Message);
        y.Sum().Backward();
        Values(x.Grad!, [3], new[] { 1, Math.E, Math.Exp(2) }, 1e-12);
    }

    [Fact]
    public void ModifyingASavedTensorThroughAnAliasFailsTheBackward()
    {
        // The same change through a detached alias: the version counter is shared by the views.
        var x = Leaf(0, 1, 2);
        var y = x.Exp();
        using (GradMode.NoGrad()) y.Detach().AddInPlace(Tensor.OnesLike(y));
        var ex = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("modified by an in-place operation", ex.Message);
        Assert.Contains("Exp", ex.Message);
        Assert.Contains("expected version", ex.Message);
    }

    [Fact]
    public void ModifyingAnInputAfterTheForwardFailsTheBackward()
    {
        var data = Tensor.FromArray(new double[] { 1, 2, 3 });
        var w = Leaf(0.5, 0.5, 0.5);
        var loss = (data * w).Sum();
        data.AddInPlace(Tensor.OnesLike(data)); // data needs no grad: allowed, but Mul saved it
        Assert.Throws<InvalidOperationException>(() => loss.Backward());
    }

    [Fact]
    public void OpsThatSaveNothingIgnoreLaterWrites()
    {
        // Add's gradient does not read its inputs, so changing one afterwards is harmless (as in PyTorch).
        var data = Tensor.FromArray(new double[] { 1, 2, 3 });
        var w = Leaf(0.5, 0.5, 0.5);
        var loss = (data + w).Sum();
        data.Fill(7);
        loss.Backward();
        Values(w.Grad!, [3], new double[] { 1, 1, 1 });
    }

    [Fact]
    public void InPlaceOnALeafThatRequiresGradNeedsNoGrad()
    {
        // Repro 2.
        var w = Leaf(1, 2);
        var ex = Assert.Throws<InvalidOperationException>(() => w.Fill(0));
        Assert.Contains("leaf tensor that requires grad", ex.Message);
        Assert.Throws<InvalidOperationException>(() => w.CopyFrom(Tensor.FromArray(new double[] { 3, 4 })));
        Assert.Throws<InvalidOperationException>(() => w.AddInPlace(w.Detach()));
        using (GradMode.NoGrad()) w.CopyFrom(Tensor.FromArray(new double[] { 3, 4 }));
        Values(w, [2], new double[] { 3, 4 });
    }

    [Fact]
    public void AParameterStepBetweenForwardAndBackwardIsCaught()
    {
        var layer = new Linear(2, 1, rng: new RandomGenerator(1));
        var opt = new DeepSharp.Optim.Sgd(layer.Parameters(), new DeepSharp.Optim.SgdOptions(0.1));
        var x = Tensor.FromArray(new float[] { 1, 2 }, 1, 2);
        layer.Forward(x).Sum().Backward(retainGraph: true);
        var loss = layer.Forward(x).Sum();
        opt.Step(); // updates the weights the pending graph saved
        Assert.Throws<InvalidOperationException>(() => loss.Backward());
    }

    [Fact]
    public void ATensorKeptPastItsArenaScopeThrowsWhenRead()
    {
        // Repro 3b: a tensor read after its scope changed from 2,2,2,2 to 41,41,41,41.
        var arena = new TensorArena();
        Tensor kept;
        using (arena.Begin()) kept = Tensor.Full([4], 2);
        Tensor other;
        using (arena.Begin()) other = Tensor.Full([4], 41); // reuses kept's memory
        Assert.Throws<ObjectDisposedException>(() => kept.ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => kept[0].Item<float>());
        Assert.Throws<ObjectDisposedException>(() => kept + 1);
        var ex = Assert.Throws<ObjectDisposedException>(() => kept.AsReadOnlySpan<float>().ToArray());
        Assert.Contains("TensorArena", ex.Message);
        // a copy made outside the arena is the way to keep a value
        Tensor copy;
        using (arena.Begin())
        {
            var t = Tensor.Full([4], 5);
            using (TensorArena.Suspend()) copy = t.Clone();
        }
        using (arena.Begin()) Tensor.Full([4], 9);
        Values(copy, [4], new float[] { 5, 5, 5, 5 });
    }

    [Fact]
    public void DataLoaderBatchesKeptTooLongThrowInsteadOfShowingLaterBatches()
    {
        // Repro 3a: batches collected in a list read [8..11] [4..7] [8..11].
        var x = Tensor.Arange(12).Reshape(12, 1);
        var data = new TensorDataset(x, Tensor.Zeros([12], DType.Int32));
        var kept = new List<Tensor>();
        foreach (var batch in new DataLoader(data, 4)) kept.Add(batch.Inputs);
        Assert.Throws<ObjectDisposedException>(() => kept[0].ToArray<float>()); // its buffer held batch 2 since
        Assert.Equal(new float[] { 4, 5, 6, 7 }, kept[1].ToArray<float>());
        Assert.Equal(new float[] { 8, 9, 10, 11 }, kept[2].ToArray<float>());
        var cloned = new List<Tensor>();
        foreach (var batch in new DataLoader(data, 4)) cloned.Add(batch.Inputs.Clone());
        Assert.Equal(new float[] { 0, 1, 2, 3 }, cloned[0].ToArray<float>());
    }

    [Fact]
    public void AFieldHeldChildIsTrainedAndSaved()
    {
        // Repro 4: a child layer in a field without RegisterModule was neither trained nor saved.
        var model = new TwoLayers(new RandomGenerator(2));
        Assert.Equal(["scale", "first.weight", "first.bias", "second.weight", "second.bias"], // own members first, as in PyTorch
            model.NamedParameters().Select(p => p.Name));
        Assert.Equal(2 * 3 + 3 + 3 * 1 + 1 + 1, model.ParameterCount);
        Assert.Equal(["first", "second"], model.NamedChildren().Select(c => c.Name));
        model.Eval();
        Assert.False(model.Second.IsTraining);
        Assert.Equal("TwoLayers(\n  (first): Linear(2 -> 3)\n  (second): Linear(3 -> 1)\n)", model.ToString());
    }

    [Fact]
    public void ContainersPrintTheirTreeAsPyTorchDoes()
    {
        var net = new Sequential(new Linear(4, 8), new Relu(), new Sequential(new Linear(8, 2), new Sigmoid()));
        Assert.Equal("Sequential(\n  (0): Linear(4 -> 8)\n  (1): ReLU\n  (2): Sequential(\n    (0): Linear(8 -> 2)\n    (1): Sigmoid\n  )\n)", net.ToString());
    }

    [Fact]
    public async Task ThreadLimitsAreScopedToTheirFlow()
    {
        // Repro 5: the thread count was one process-wide setting changed by tests running in parallel.
        int before = CpuBackend.ThreadLimit;
        var inner = await Task.Run(() =>
        {
            using (CpuBackend.LimitThreads(1)) return CpuBackend.ThreadLimit;
        });
        Assert.Equal(1, inner);
        Assert.Equal(before, CpuBackend.ThreadLimit);
    }

    private sealed class TwoLayers : Module
    {
        private readonly Linear _first;
        private readonly Tensor _scale = Tensor.Ones(1).RequireGrad();
        [NotAMember] private readonly Tensor _cache = Tensor.Ones(1).RequireGrad();

        public TwoLayers(RandomGenerator rng)
        {
            _first = new Linear(2, 3, rng: rng);
            Second = new Linear(3, 1, rng: rng);
        }

        public Linear Second { get; }

        public override Tensor Forward(Tensor input) => Second.Forward(_first.Forward(input).Tanh()) * _scale * _cache.Detach();
    }
}
