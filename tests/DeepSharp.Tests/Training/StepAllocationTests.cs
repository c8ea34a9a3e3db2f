using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Tests.TestSupport;
using DeepSharp.Training;

namespace DeepSharp.Tests.Training;

/// <summary>Pins issue 6's budget: after warm-up, a training step of the MLP 784-128-10 allocates no
/// tensor data, only bookkeeping (graph nodes, tensor headers), at most 16 KB, and no gen-2 collection happens.
/// Runs alone: the gen-2 count is process-wide, and other tests' kernels would keep the shared
/// kernel workers busy, sending this test's GEMMs down the run-it-yourself path with its own warm-up.</summary>
[Collection(AloneCollection.Name)]
public class StepAllocationTests
{
    private sealed class AllocationProbe : TrainingCallback
    {
        private long _last = -1;
        public List<long> PerStep { get; } = [];

        public override void OnBatchEnd(TrainingContext context, Batch batch, double loss)
        {
            long now = GC.GetAllocatedBytesForCurrentThread();
            if (_last >= 0) PerStep.Add(now - _last);
            _last = now;
        }
    }

    [Fact]
    public void MlpStepAllocatesAtMost16KilobytesAfterWarmUp()
    {
        var rng = new RandomGenerator(3);
        const int n = 64 * 40;
        var x = new float[n * 784];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextSingle();
        var labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rng.NextInt(10);
        var loader = new DataLoader(TensorDataset.FromArrays(x, 784, labels), 64, shuffle: true, seed: 1);
        var model = new Sequential(new Linear(784, 128, rng: rng), new Relu(), new Linear(128, 10, rng: rng));
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(0.05, momentum: 0.9));
        var probe = new AllocationProbe();
        int gen2 = GC.CollectionCount(2);
        Trainer.Fit(model, new CrossEntropy(), optimizer, loader, new FitOptions { Epochs = 2, Callbacks = [probe] });
        Assert.Equal(gen2, GC.CollectionCount(2));
        // The first epoch warms the arena and the JIT; judge the second epoch's steps.
        var steady = probe.PerStep.Skip(probe.PerStep.Count / 2 + 2).ToArray();
        long median = steady.OrderBy(v => v).ElementAt(steady.Length / 2);
        Assert.True(median <= 16 * 1024, $"median allocation per step {median} bytes exceeds 16 KB (steps: {string.Join(", ", steady.Take(8))}...)");
        Assert.True(steady.Max() < 64 * 1024, $"a step allocated {steady.Max()} bytes: tensor data is being allocated");
    }
}
