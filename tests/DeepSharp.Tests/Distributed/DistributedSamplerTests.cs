using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Distributed;

/// <summary>PyTorch's DistributedSampler rules, and the property data-parallel equivalence rests on.</summary>
public sealed class DistributedSamplerTests
{
    [Fact]
    public void TenSamplesOverThreeRanksArePaddedFromTheStart()
    {
        // PyTorch: indices 0..9 padded with [0, 1] to 12; rank r takes r, r+3, ... -> [0,3,6,9], [1,4,7,0], [2,5,8,1].
        int[] order = Enumerable.Range(0, 10).ToArray();
        int[][] expected = [[0, 3, 6, 9], [1, 4, 7, 0], [2, 5, 8, 1]];
        for (int rank = 0; rank < 3; rank++)
        {
            var sampler = new DistributedSampler(rank, 3);
            var shard = new int[sampler.ShardSize(order.Length)];
            sampler.Select(order, shard);
            Assert.Equal(expected[rank], shard);
        }
    }

    [Fact]
    public void DropTailCutsTheOrderToAMultipleOfTheRanks()
    {
        int[] order = Enumerable.Range(0, 10).ToArray();
        int[][] expected = [[0, 3, 6], [1, 4, 7], [2, 5, 8]];
        for (int rank = 0; rank < 3; rank++)
        {
            var sampler = new DistributedSampler(rank, 3, dropTail: true);
            var shard = new int[sampler.ShardSize(10)];
            sampler.Select(order, shard);
            Assert.Equal(expected[rank], shard);
        }
    }

    [Fact]
    public void PaddingLongerThanTheDatasetRepeatsIt()
    {
        // Two samples over five ranks: [a, b, a, b, a].
        int[] order = [7, 4];
        var got = Enumerable.Range(0, 5).Select(r =>
        {
            var s = new DistributedSampler(r, 5);
            var shard = new int[s.ShardSize(2)];
            s.Select(order, shard);
            return Assert.Single(shard);
        });
        Assert.Equal([7, 4, 7, 4, 7], got);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(-1, 2));
        var e = Assert.Throws<ArgumentException>(() => new DistributedSampler(0, 2).Select(new int[10], new int[4]));
        Assert.Contains("holds 5 indices, got a buffer of 4", e.Message);
    }

    /// <summary>Every epoch the ranks' batch k together hold exactly the samples of batch k of one
    /// loader with a batch N times larger (same seed), and the shards are disjoint.</summary>
    [Theory]
    [InlineData(2, 8, 64)]
    [InlineData(4, 4, 96)]
    public void RanksBatchKTogetherIsTheSingleLoadersBatchK(int ranks, int batch, int count)
    {
        var dataset = new TensorDataset(Tensor.Arange(count).Reshape(count, 1), Tensor.Zeros(count));
        var single = new DataLoader(dataset, batch * ranks, shuffle: true, seed: 11);
        var loaders = Enumerable.Range(0, ranks).Select(r => new DataLoader(dataset, batch, shuffle: true, seed: 11, sampler: new DistributedSampler(r, ranks))).ToArray();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var global = single.Select(b => b.Inputs.ToArray<float>()).ToList();
            var perRank = loaders.Select(l => l.Select(b => b.Inputs.ToArray<float>()).ToList()).ToArray();
            Assert.All(perRank, batches => Assert.Equal(global.Count, batches.Count));
            for (int k = 0; k < global.Count; k++)
                Assert.Equal(global[k].Order(), perRank.SelectMany(batches => batches[k]).Order());
            var all = perRank.SelectMany(b => b.SelectMany(x => x)).ToList();
            Assert.Equal(count, all.Distinct().Count());
        }
    }
}
