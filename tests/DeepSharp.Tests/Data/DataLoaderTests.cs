using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Data;

public class DataLoaderTests
{
    /// <summary>Sample i has input row [i, 10 i, 100 i] and target i, so a batch reveals which samples it holds.</summary>
    private static TensorDataset Numbered(int n)
    {
        var x = new float[n * 3];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            x[3 * i] = i;
            x[3 * i + 1] = 10 * i;
            x[3 * i + 2] = 100 * i;
            y[i] = i;
        }
        return TensorDataset.FromArrays(x, 3, y);
    }

    private static List<int[]> Epoch(DataLoader loader)
    {
        var batches = new List<int[]>();
        foreach (var b in loader)
        {
            var ids = b.Targets.ToArray<int>();
            var inputs = b.Inputs.ToArray<float>();
            for (int i = 0; i < ids.Length; i++)
            {
                Assert.Equal(ids[i], inputs[3 * i]);
                Assert.Equal(10f * ids[i], inputs[3 * i + 1]);
                Assert.Equal(100f * ids[i], inputs[3 * i + 2]);
            }
            batches.Add(ids);
        }
        return batches;
    }

    [Theory]
    [InlineData(10, 3, false)]
    [InlineData(10, 5, false)]
    [InlineData(7, 1, true)]
    [InlineData(7, 7, true)]
    [InlineData(7, 100, true)]
    public void EveryEpochCoversEverySampleExactlyOnce(int n, int batchSize, bool prefetch)
    {
        var loader = new DataLoader(Numbered(n), batchSize, shuffle: true, seed: 42, prefetch: prefetch);
        Assert.Equal((n + batchSize - 1) / batchSize, loader.BatchCount);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var batches = Epoch(loader);
            Assert.Equal(loader.BatchCount, batches.Count);
            for (int b = 0; b < batches.Count - 1; b++) Assert.Equal(batchSize, batches[b].Length);
            var all = batches.SelectMany(b => b).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, n), all);
        }
    }

    [Fact]
    public void ShuffleGivesANewOrderEachEpochAndIsReproducible()
    {
        var a = new DataLoader(Numbered(50), 8, shuffle: true, seed: 7);
        var b = new DataLoader(Numbered(50), 8, shuffle: true, seed: 7);
        var c = new DataLoader(Numbered(50), 8, shuffle: true, seed: 8);
        var a0 = Epoch(a).SelectMany(x => x).ToArray();
        var a1 = Epoch(a).SelectMany(x => x).ToArray();
        Assert.NotEqual(a0, a1);
        Assert.NotEqual(Enumerable.Range(0, 50), a0);
        Assert.Equal(a0, Epoch(b).SelectMany(x => x).ToArray());
        Assert.Equal(a1, Epoch(b).SelectMany(x => x).ToArray());
        Assert.NotEqual(a0, Epoch(c).SelectMany(x => x).ToArray());
        Assert.Equal(2, a.Epoch);
    }

    [Fact]
    public void SettingEpochResumesTheSameOrder()
    {
        var a = new DataLoader(Numbered(20), 4, shuffle: true, seed: 3);
        Epoch(a);
        Epoch(a);
        var third = Epoch(a);
        var resumed = new DataLoader(Numbered(20), 4, shuffle: true, seed: 3) { Epoch = 2 };
        Assert.Equal(third, Epoch(resumed));
    }

    [Fact]
    public void WithoutShuffleTheOrderIsSequential()
    {
        var batches = Epoch(new DataLoader(Numbered(5), 2));
        Assert.Equal([[0, 1], [2, 3], [4]], batches);
    }

    [Fact]
    public void DropLastSkipsTheSmallBatch()
    {
        var loader = new DataLoader(Numbered(10), 4, shuffle: true, seed: 1, dropLast: true);
        Assert.Equal(2, loader.BatchCount);
        Assert.Equal(8, loader.SampleCount);
        var batches = Epoch(loader);
        Assert.Equal(2, batches.Count);
        Assert.All(batches, b => Assert.Equal(4, b.Length));
        Assert.Equal(8, batches.SelectMany(b => b).Distinct().Count());
        Assert.Empty(Epoch(new DataLoader(Numbered(3), 4, dropLast: true)));
    }

    [Fact]
    public void PrefetchGivesIdenticalBatches()
    {
        var plain = new DataLoader(Numbered(33), 4, shuffle: true, seed: 9);
        var ahead = new DataLoader(Numbered(33), 4, shuffle: true, seed: 9, prefetch: true);
        for (int epoch = 0; epoch < 3; epoch++) Assert.Equal(Epoch(plain), Epoch(ahead));
    }

    [Fact]
    public void BuffersAreReusedInSteadyState()
    {
        var loader = new DataLoader(Numbered(12), 4, prefetch: false);
        var first = new List<Tensor>();
        foreach (var b in loader) first.Add(b.Inputs);
        var second = new List<Tensor>();
        foreach (var b in loader) second.Add(b.Inputs);
        // the same memory every epoch: full batches alternate between two buffers
        Assert.True(first[0].SharesStorageWith(second[0]) && first[1].SharesStorageWith(second[1]));
        Assert.True(first[0].SharesStorageWith(first[2]));
        Assert.False(first[0].SharesStorageWith(first[1]));
        // a handle whose buffer has been refilled since is dead; the current ones read fine
        Assert.Throws<ObjectDisposedException>(() => first[0].ToArray<float>());
        Assert.NotEmpty(second[2].ToArray<float>());
    }

    [Fact]
    public void AnEarlyBreakReleasesTheLoaderAndConcurrentEnumerationIsRejected()
    {
        var loader = new DataLoader(Numbered(12), 2, prefetch: true);
        foreach (var _ in loader) break;
        using var e = loader.GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Throws<InvalidOperationException>(() => loader.GetEnumerator());
    }

    [Fact]
    public void FloatTargetsAndMultiDimensionalInputsAreGathered()
    {
        var x = Tensor.Arange(0, 24).Reshape(6, 2, 2);
        var y = Tensor.Arange(0, 6).Reshape(6, 1) * 0.5;
        var data = new TensorDataset(x, y);
        Assert.Equal([2, 2], data.InputShape);
        Assert.Equal([1], data.TargetShape);
        var loader = new DataLoader(data, 4);
        var batches = loader.Select(b => (b.Inputs.ToArray<float>(), b.Targets.ToArray<float>(), b.Inputs.ShapeArray)).ToList();
        Assert.Equal([4, 2, 2], batches[0].ShapeArray);
        Assert.Equal([2, 2, 2], batches[1].ShapeArray);
        Assert.Equal(Enumerable.Range(16, 8).Select(i => (float)i), batches[1].Item1);
        Assert.Equal([2f, 2.5f], batches[1].Item2);
        var (input, target) = data[3];
        Assert.Equal([12f, 13, 14, 15], input.ToArray<float>());
        Assert.Equal(1.5f, target.Item<float>());
    }

    [Fact]
    public void InvalidArgumentsAreRejectedWithMessages()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Numbered(3), 0));
        var ex = Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Zeros(3, 2), Tensor.Zeros(4)));
        Assert.Contains("3 inputs", ex.Message);
        var data = Numbered(4);
        var bad = Assert.Throws<ArgumentException>(() => data.GetBatch([0, 1], Tensor.Zeros(3, 3), Tensor.Zeros([2], DType.Int32)));
        Assert.Contains("(2, 3)", bad.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.GetBatch([0, 9], Tensor.Zeros(2, 3), Tensor.Zeros([2], DType.Int32)));
    }
}

public class DataLoaderDatasetFactoryTests
{
    [Fact]
    public void ImagesAndCsvBecomeDatasets()
    {
        var images = new LabeledImages(Enumerable.Range(0, 12).Select(i => i / 12f).ToArray(), [1, 0, 2], 2, 2);
        var flat = DatasetFactory.FromImages(images);
        Assert.Equal([4], flat.InputShape);
        Assert.Equal([1, 0, 2], flat.Targets.ToArray<int>());
        var square = DatasetFactory.FromImages(images, flatten: false);
        Assert.Equal([1, 2, 2], square.InputShape);
        Assert.Equal(8 / 12f, square[2].Input.ToArray<float>()[0]);

        var classes = new CsvData([1, 2, 3, 4], 2, ["a", "b"], [1, 0], null, ["x", "y"], "label");
        Assert.Equal(DType.Int32, DatasetFactory.FromCsv(classes).TargetDType);
        var regression = new CsvData([1, 2, 3, 4], 2, ["a", "b"], null, [0.5f, 1.5f], null, "y");
        var r = DatasetFactory.FromCsv(regression);
        Assert.Equal([1], r.TargetShape);
        Assert.Equal([0.5f, 1.5f], r.Targets.ToArray<float>());
        Assert.Throws<ArgumentException>(() => DatasetFactory.FromCsv(regression with { Targets = null }));
    }

    [Fact]
    public void ToyDataFeedsTheLoader()
    {
        var (x, labels) = ToyData.GaussianClouds(10, 3, 0.5, new RandomGenerator(1));
        var data = DatasetFactory.FromArrays(x, 2, labels);
        Assert.Equal(30, data.Count);
        int seen = 0;
        foreach (var b in new DataLoader(data, 8, shuffle: true, seed: 2)) seen += b.Count;
        Assert.Equal(30, seen);
    }
}

public class DataLoaderAllocationTests
{
    [Fact]
    public void AnEpochAllocatesNoTensorDataOnlyTwoSmallHandlesPerBatch()
    {
        var x = new float[400 * 8];
        var y = new int[400];
        var loader = new DataLoader(TensorDataset.FromArrays(x, 8, y), 4, shuffle: true, seed: 1);
        foreach (var _ in loader) { }   // creates the buffers
        // The fewest bytes over several epochs: the JIT's tier-up may allocate during any one of them.
        long allocated = long.MaxValue;
        int batches = 0;
        for (int trial = 0; trial < 8; trial++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            batches = 0;
            foreach (var _ in loader) batches++;
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(100, batches);
        // Each batch gets two new tensor handles on the reused memory (so a batch kept too long is
        // detected); the batch data itself (400 x 8 floats per epoch) is never allocated again.
        Assert.True(allocated < 100 * 256 + 1024, $"an epoch of 100 batches allocated {allocated} bytes");
    }
}
