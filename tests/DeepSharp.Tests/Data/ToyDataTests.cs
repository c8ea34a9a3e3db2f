using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Data;

public sealed class ToyDataTests
{
    private static double Radius(float[] x, int i) => Math.Sqrt(x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1]);

    private static int[] ClassCounts(int[] labels, int k)
    {
        var counts = new int[k];
        foreach (int l in labels) counts[l]++;
        return counts;
    }

    public static TheoryData<string> Generators => new() { "clouds", "circles", "xor", "spirals", "moons" };

    private static (float[] X, int[] Labels) Make(string name, ulong seed) => name switch
    {
        "clouds" => ToyData.GaussianClouds(50, 3, 0.5, new RandomGenerator(seed)),
        "circles" => ToyData.ConcentricCircles(150, 0.05, 0.5, new RandomGenerator(seed)),
        "xor" => ToyData.Xor(150, 0.05, new RandomGenerator(seed)),
        "spirals" => ToyData.TwoSpirals(75, 0.02, 1.5, new RandomGenerator(seed)),
        _ => ToyData.Moons(150, 0.05, new RandomGenerator(seed)),
    };

    [Theory, MemberData(nameof(Generators))]
    public void SameSeed_SameData_OtherSeed_OtherData(string name)
    {
        var a = Make(name, 42);
        var b = Make(name, 42);
        var c = Make(name, 43);
        Assert.Equal(a.X, b.X);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.X, c.X);
    }

    [Theory, MemberData(nameof(Generators))]
    public void Shapes_AndBalancedInterleavedClasses(string name)
    {
        var (x, labels) = Make(name, 1);
        int k = name == "clouds" ? 3 : 2;
        Assert.Equal(150, labels.Length);
        Assert.Equal(2 * 150, x.Length);
        Assert.All(ClassCounts(labels, k), count => Assert.Equal(150 / k, count));
        Assert.All(x, v => Assert.True(float.IsFinite(v)));
        for (int i = 0; i < labels.Length; i++) Assert.Equal(i % k, labels[i]);
    }

    [Fact]
    public void GaussianClouds_PointsNearTheirCentre()
    {
        var (x, labels) = ToyData.GaussianClouds(400, 4, 0.3, new RandomGenerator(2), radius: 5);
        for (int c = 0; c < 4; c++)
        {
            double mx = 0, my = 0;
            int n = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] != c) continue;
                mx += x[2 * i];
                my += x[2 * i + 1];
                n++;
            }
            // Centre of class c is 5 (cos, sin)(2πc/4); the sample mean has std 0.3/sqrt(400) = 0.015.
            Assert.Equal(5 * Math.Cos(Math.PI * c / 2), mx / n, 0.08);
            Assert.Equal(5 * Math.Sin(Math.PI * c / 2), my / n, 0.08);
        }
    }

    [Fact]
    public void ConcentricCircles_RadiiDifferByClass()
    {
        var (x, labels) = ToyData.ConcentricCircles(401, 0.0, 0.3, new RandomGenerator(3));
        Assert.Equal(new[] { 201, 200 }, ClassCounts(labels, 2));
        for (int i = 0; i < labels.Length; i++) Assert.Equal(labels[i] == 0 ? 1.0 : 0.3, Radius(x, i), 1e-6);
        var noisy = ToyData.ConcentricCircles(400, 0.05, 0.5, new RandomGenerator(3));
        double inner = Enumerable.Range(0, 400).Where(i => noisy.Labels[i] == 1).Average(i => Radius(noisy.X, i));
        double outer = Enumerable.Range(0, 400).Where(i => noisy.Labels[i] == 0).Average(i => Radius(noisy.X, i));
        Assert.Equal(0.5, inner, 0.02);
        Assert.Equal(1.0, outer, 0.02);
    }

    [Fact]
    public void Xor_LabelIsOppositeSigns_WithoutNoise()
    {
        var (x, labels) = ToyData.Xor(400, 0.0, new RandomGenerator(4));
        for (int i = 0; i < labels.Length; i++)
        {
            float px = x[2 * i], py = x[2 * i + 1];
            Assert.InRange(Math.Abs(px), 0.1f, 1f);
            Assert.InRange(Math.Abs(py), 0.1f, 1f);
            Assert.Equal(px * py < 0 ? 1 : 0, labels[i]);
        }
    }

    [Fact]
    public void XorTable_IsTheTruthTable()
    {
        var (x, labels) = ToyData.XorTable();
        Assert.Equal(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, x);
        Assert.Equal(new[] { 0, 1, 1, 0 }, labels);
    }

    [Fact]
    public void TwoSpirals_ArePointReflectionsWithGrowingRadius()
    {
        var (x, labels) = ToyData.TwoSpirals(100, 0.0, 2.0, new RandomGenerator(5));
        for (int j = 0; j < 100; j++)
        {
            int a = 2 * j, b = 2 * j + 1;
            Assert.Equal((0, 1), (labels[a], labels[b]));
            Assert.Equal(-x[2 * a], x[2 * b], 1e-5);
            Assert.Equal(-x[2 * a + 1], x[2 * b + 1], 1e-5);
            Assert.Equal((j + 1) / 100.0, Radius(x, a), 1e-5);
        }
    }

    [Fact]
    public void Moons_FollowTheirHalfCircles_WithoutNoise()
    {
        var (x, labels) = ToyData.Moons(100, 0.0, new RandomGenerator(6));
        for (int i = 0; i < labels.Length; i++)
        {
            double cx = labels[i] == 0 ? 0 : 1, cy = labels[i] == 0 ? 0 : 0.5;
            double dx = x[2 * i] - cx, dy = x[2 * i + 1] - cy;
            Assert.Equal(1.0, Math.Sqrt(dx * dx + dy * dy), 1e-6);
            Assert.True(labels[i] == 0 ? dy >= -1e-6 : dy <= 1e-6);
        }
    }

    [Fact]
    public void LinearRegression_TargetsFollowTheReturnedWeights()
    {
        var (x, y, w, b) = ToyData.LinearRegression(2000, 3, 0.1, new RandomGenerator(7));
        Assert.Equal((6000, 2000, 3), (x.Length, y.Length, w.Length));
        double sumSq = 0, sum = 0;
        for (int i = 0; i < 2000; i++)
        {
            double r = y[i] - b - (x[3 * i] * w[0] + x[3 * i + 1] * w[1] + x[3 * i + 2] * w[2]);
            sum += r;
            sumSq += r * r;
        }
        Assert.Equal(0.0, sum / 2000, 0.02);
        Assert.Equal(0.1, Math.Sqrt(sumSq / 2000), 0.01);
        var again = ToyData.LinearRegression(2000, 3, 0.1, new RandomGenerator(7));
        Assert.Equal(y, again.Targets);
        Assert.Equal(w, again.Weights);
    }

    [Fact]
    public void FunctionSamples_Sin_OnMinusPiToPi()
    {
        var (x, y) = ToyData.FunctionSamples(Math.Sin, 500, -Math.PI, Math.PI, 0.0, new RandomGenerator(8));
        Assert.Equal(500, x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.InRange(x[i], -(float)Math.PI, (float)Math.PI);
            Assert.Equal((float)Math.Sin(x[i]), y[i]);
        }
        var even = ToyData.FunctionSamples(v => v * v, 5, -1, 1, 0.0, new RandomGenerator(8), evenlySpaced: true);
        Assert.Equal(new float[] { -1, -0.5f, 0, 0.5f, 1 }, even.X);
        Assert.Equal(new float[] { 1, 0.25f, 0, 0.25f, 1 }, even.Targets);
    }

    [Fact]
    public void InvalidArguments_NameTheParameter()
    {
        Assert.Equal("perClass", Assert.Throws<ArgumentOutOfRangeException>(() => ToyData.GaussianClouds(0, 2, 1)).ParamName);
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => ToyData.GaussianClouds(1, 2, -1)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => ToyData.ConcentricCircles(10, 0, 1.0)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => ToyData.Xor(10, double.NaN)).ParamName);
        Assert.Equal("turns", Assert.Throws<ArgumentOutOfRangeException>(() => ToyData.TwoSpirals(10, 0, 0)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => ToyData.Moons(-1, 0)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentOutOfRangeException>(() => ToyData.LinearRegression(10, 0, 0)).ParamName);
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => ToyData.FunctionSamples(Math.Sin, 10, 1, 1, 0)).ParamName);
    }
}
