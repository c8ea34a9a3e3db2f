using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Data;

public class TransformTests
{
    [Fact]
    public void StandardizerFitsOnTrainAndAppliesToOthers()
    {
        // Feature 0: 1, 2, 3 -> mean 2, population std sqrt(2/3); feature 1 is constant 5.
        var train = Tensor.FromArray(new float[] { 1, 5, 2, 5, 3, 5 }, 3, 2);
        var s = new Standardizer().Fit(train);
        Assert.Equal(2, s.Mean[0], 12);
        Assert.Equal(Math.Sqrt(2.0 / 3), s.Std[0], 12);
        Assert.Equal(0, s.Std[1]);
        var t = s.Transform(train).ToArray<float>();
        float z = (float)(1 / Math.Sqrt(2.0 / 3));
        Assert.Equal(new[] { -z, 0, 0, 0, z, 0 }, t);
        var other = s.Transform(Tensor.FromArray(new float[] { 4, 7 }, 1, 2)).ToArray<float>();
        Assert.Equal(2 * z, other[0], 5);
        Assert.Equal(2, other[1]);   // a constant feature is only centred
        var back = s.InverseTransform(s.Transform(train)).ToArray<float>();
        Assert.Equal(train.ToArray<float>(), back, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void StandardizedDataHasZeroMeanAndUnitVariance()
    {
        var x = Tensor.Randn([200, 3], new RandomGenerator(1), mean: 5, std: 3);
        var y = new Standardizer().FitTransform(x);
        var mean = y.Mean(0).ToArray<float>();
        var variance = y.Var([0], unbiased: false).ToArray<float>();
        Assert.All(mean, m => Assert.Equal(0, m, 4));
        Assert.All(variance, v => Assert.Equal(1, v, 4));
    }

    [Fact]
    public void MinMaxScalerMapsTrainingRangeOntoTarget()
    {
        var train = Tensor.FromArray(new float[] { 0, 10, 5, 20, 10, 30 }, 3, 2);
        var s = new MinMaxScaler().Fit(train);
        Assert.Equal(new float[] { 0, 0, 0.5f, 0.5f, 1, 1 }, s.Transform(train).ToArray<float>());
        Assert.Equal(new float[] { 2, -0.25f }, s.Transform(Tensor.FromArray(new float[] { 20, 5 }, 1, 2)).ToArray<float>());
        var sym = new MinMaxScaler(-1, 1).Fit(train);
        Assert.Equal(new float[] { -1, -1, 0, 0, 1, 1 }, sym.Transform(train).ToArray<float>());
        Assert.Equal(train.ToArray<float>(), sym.InverseTransform(sym.Transform(train)).ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinMaxScaler(1, 1));
        Assert.Throws<InvalidOperationException>(() => new MinMaxScaler().Transform(train));
        var ex = Assert.Throws<ArgumentException>(() => s.Transform(Tensor.Zeros(2, 3)));
        Assert.Contains("2 features", ex.Message);
    }

    [Fact]
    public void SplitIsSeededDisjointAndComplete()
    {
        var (train, val) = DataSplit.Indices(100, 0.2, seed: 5);
        Assert.Equal(80, train.Length);
        Assert.Equal(20, val.Length);
        Assert.Equal(Enumerable.Range(0, 100), train.Concat(val).Order());
        Assert.Equal(val, DataSplit.Indices(100, 0.2, seed: 5).Validation);
        Assert.NotEqual(val, DataSplit.Indices(100, 0.2, seed: 6).Validation);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Indices(10, 1.0, 0));
    }

    [Fact]
    public void StratifiedSplitKeepsClassProportions()
    {
        // 60 of class 0, 30 of class 1, 10 of class 2, interleaved.
        var labels = Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? 2 : i % 3 == 0 ? 1 : 0).ToArray();
        var counts = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var (train, val) = DataSplit.Indices(100, 0.3, seed: 11, labels);
        Assert.Equal(Enumerable.Range(0, 100), train.Concat(val).Order());
        foreach (var (label, count) in counts)
            Assert.Equal((int)Math.Round(0.3 * count, MidpointRounding.AwayFromZero), val.Count(i => labels[i] == label));

        // Each sample's input is its index, so the subsets show which samples they hold.
        var data = TensorDataset.FromArrays(Enumerable.Range(0, 100).Select(i => (float)i).ToArray(), 1, labels);
        var (trainSet, valSet) = DataSplit.Split(data, 0.3, seed: 11, stratify: true);
        Assert.Equal(val.Select(i => (float)i), valSet.Inputs.ToArray<float>());
        Assert.Equal(val.Select(i => labels[i]), valSet.Targets.ToArray<int>());
        Assert.Equal(train.Length, trainSet.Count);
    }

    [Fact]
    public void OneHotRoundTrips()
    {
        var encoded = OneHot.Encode([2, 0, 1], 3);
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 0, 0, 1, 0 }, encoded);
        Assert.Equal([2, 0, 1], OneHot.Decode(Tensor.FromArray(encoded, 3, 3)));
        Assert.Equal(encoded, OneHot.Encode(Tensor.FromArray(new[] { 2, 0, 1 }), 3).ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([3], 3));
    }
}
