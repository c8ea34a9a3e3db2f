using DeepSharp.Data;
using DeepSharp.Distributed;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Distributed;

/// <summary>Outside mpirun: the group of one, and DistributedDataParallel's buckets, hooks and
/// gradient round trip, which must leave training bit-identical.</summary>
public sealed class SingleProcessDataParallelTests
{
    [Fact]
    public void OutsideMpirunTheGroupHasOneRankAndCollectivesAreTheIdentity()
    {
        Skip.If(ProcessGroup.LaunchedByMpi, "this test process runs under mpirun");
        using var group = ProcessGroup.Init();
        Assert.Equal((0, 1, true), (group.Rank, group.Size, group.IsMain));
        var t = Tensor.FromArray([1f, 2f, 3f]);
        group.AllReduce(t);
        group.Broadcast(t);
        group.Barrier();
        Span<double> values = [4, 5];
        group.AllReduce(values, ReduceOp.Max);
        Assert.Equal([1f, 2f, 3f], t.ToArray<float>());
        Assert.Equal([4.0, 5.0], values.ToArray());
        Assert.DoesNotContain(System.Diagnostics.Process.GetCurrentProcess().Modules.Cast<System.Diagnostics.ProcessModule>(),
            m => m.ModuleName.StartsWith("libmpi", StringComparison.Ordinal));
    }

    [Fact]
    public void FitWithDataParallelOverOneRankEqualsPlainFitBitForBit()
    {
        Skip.If(ProcessGroup.LaunchedByMpi, "this test process runs under mpirun");
        var (plain, plainHistory) = Train(parallel: false);
        var (wrapped, wrappedHistory) = Train(parallel: true);
        Assert.Equal(plainHistory.Epochs.Select(e => (e.TrainLoss, e.TrainMetric)), wrappedHistory.Epochs.Select(e => (e.TrainLoss, e.TrainMetric)));
        foreach (var ((name, a), (_, b)) in plain.StateDict().Zip(wrapped.StateDict()))
            Assert.True(a.ToArray<float>().SequenceEqual(b.ToArray<float>()), $"{name} differs");
    }

    [Fact]
    public void LeNet5GradientsAreSplitIntoBucketsInReverseOrder()
    {
        using var group = ProcessGroup.Init(new DistributedOptions { BucketBytes = 64 * 1024 });
        var model = Models.LeNet5(rng: new RandomGenerator(1));
        using var ddp = new DistributedDataParallel(model, group);
        // fc3 + fc2 + fc1's bias (44.5 KB), fc1's weight (192 KB, alone), conv2 + conv1 (9.9 KB).
        Assert.Equal([(850 + 10164 + 120) * 4, 48000 * 4, (2416 + 156) * 4], ddp.BucketBytes);
        Assert.Equal(model.ParameterCount * 4, ddp.BucketBytes.Sum());
    }

    private static (Module Model, History History) Train(bool parallel)
    {
        var (x, labels) = ToyData.TwoSpirals(64, noise: 0.1, turns: 1.5, rng: new RandomGenerator(4));
        var data = TensorDataset.FromArrays(x, 2, labels);
        var rng = new RandomGenerator(9);
        var model = new Sequential(new Linear(2, 16, rng: rng), new Tanh(), new Linear(16, 2, rng: rng));
        using var group = ProcessGroup.Init(new DistributedOptions { BucketBytes = 1024 });
        using var ddp = parallel ? new DistributedDataParallel(model, group) : null;
        var loader = new DataLoader(data, 16, shuffle: true, seed: 3, sampler: ddp?.CreateSampler());
        var history = Trainer.Fit(model, new CrossEntropy(), new Adam(model.Parameters(), new AdamOptions(0.01)), loader,
            new FitOptions { Epochs = 5, Metric = new AccuracyMetric(), DataParallel = ddp });
        if (ddp is not null) Assert.Equal(5 * 8, ddp.Steps);
        return (model, history);
    }
}
