using System.Numerics;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Backends.Cpu;

/// <summary>The reduction kernels against plain loops over every length 0..257, float and double.</summary>
public sealed class ReduceTests
{
    private static T[] Random<T>(RandomGenerator rng, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[n];
        // Integers in a small range: many ties, so "first index" rules are exercised.
        for (int i = 0; i < n; i++) x[i] = T.CreateTruncating(rng.NextInt(-20, 21) * 0.5);
        return x;
    }

    private static void AllLengths<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new RandomGenerator(21);
        for (int n = 0; n <= 257; n++)
        {
            var x = Random<T>(rng, n);
            double sum = 0;
            T max = T.NegativeInfinity, min = T.PositiveInfinity;
            int argMax = -1, argMin = -1;
            for (int i = 0; i < n; i++)
            {
                sum += double.CreateTruncating(x[i]);
                if (x[i] > max) { max = x[i]; argMax = i; }
                if (x[i] < min) { min = x[i]; argMin = i; }
            }
            string ctx = $"{typeof(T).Name} n={n}";
            // Half-integers sum exactly in both widths at these sizes.
            Assert.True(sum == double.CreateTruncating(ReduceKernels.Sum<T>(x)), $"{ctx}: Sum");
            Assert.True(max == ReduceKernels.Max<T>(x), $"{ctx}: Max");
            Assert.True(min == ReduceKernels.Min<T>(x), $"{ctx}: Min");
            Assert.True(argMax == ReduceKernels.ArgMax<T>(x), $"{ctx}: ArgMax {argMax} vs {ReduceKernels.ArgMax<T>(x)}");
            Assert.True(argMin == ReduceKernels.ArgMin<T>(x), $"{ctx}: ArgMin");
        }
    }

    [Fact]
    public void SpanReductionsMatchLoopsFloat() => AllLengths<float>();

    [Fact]
    public void SpanReductionsMatchLoopsDouble() => AllLengths<double>();

    [Fact]
    public void SumOfNonIntegersIsCloseToDoubleAccumulation()
    {
        var rng = new RandomGenerator(22);
        for (int n = 0; n <= 257; n++)
        {
            var x = new float[n];
            double reference = 0;
            for (int i = 0; i < n; i++) { x[i] = (float)rng.NextDouble(-1, 1); reference += x[i]; }
            Assert.True(Math.Abs(reference - ReduceKernels.Sum<float>(x)) <= 1e-6 * (n + 1), $"n={n}");
        }
    }

    private static void CheckAxis<T>(ReduceOp op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new RandomGenerator(23);
        int[] sizes = [1, 2, 3, 7, 8, 9, 16, 17, 33];
        foreach (int outer in new[] { 1, 3 })
            foreach (int reduce in sizes)
                foreach (int inner in sizes)
                {
                    var x = Random<T>(rng, outer * reduce * inner);
                    var d = new T[outer * inner];
                    ReduceKernels.Axis<T>(op, x, outer, reduce, inner, d);
                    for (int o = 0; o < outer; o++)
                        for (int i = 0; i < inner; i++)
                        {
                            T acc = x[o * reduce * inner + i];
                            for (int r = 1; r < reduce; r++) acc = ElementWise.Scalar(op switch { ReduceOp.Sum => BinaryOp.Add, ReduceOp.Max => BinaryOp.Maximum, _ => BinaryOp.Minimum }, acc, x[(o * reduce + r) * inner + i]);
                            if (acc != d[o * inner + i]) Assert.Fail($"{typeof(T).Name} {op} ({outer}, {reduce}, {inner}) at ({o}, {i}): {acc} vs {d[o * inner + i]}");
                        }
                }
    }

    [Theory]
    [InlineData(ReduceOp.Sum)]
    [InlineData(ReduceOp.Max)]
    [InlineData(ReduceOp.Min)]
    public void AxisMatchesLoops(ReduceOp op)
    {
        CheckAxis<float>(op);
        CheckAxis<double>(op);
    }

    [Fact]
    public void AxisWithEmptyReduceGivesIdentity()
    {
        var d = new float[6];
        ReduceKernels.Axis<float>(ReduceOp.Sum, [], 2, 0, 3, d);
        Assert.All(d, v => Assert.Equal(0f, v));
        ReduceKernels.Axis<float>(ReduceOp.Max, [], 2, 0, 3, d);
        Assert.All(d, v => Assert.Equal(float.NegativeInfinity, v));
        ReduceKernels.Axis<float>(ReduceOp.Min, [], 6, 0, 1, d);
        Assert.All(d, v => Assert.Equal(float.PositiveInfinity, v));
    }

    [Fact]
    public void AxisRejectsShortSpans()
    {
        Assert.Throws<ArgumentException>(() => ReduceKernels.Axis<float>(ReduceOp.Sum, new float[5], 2, 3, 1, new float[2]));
        Assert.Throws<ArgumentException>(() => ReduceKernels.Axis<float>(ReduceOp.Max, new float[6], 2, 3, 1, new float[1]));
    }

    [Fact]
    public void NaNSemantics()
    {
        for (int n = 1; n <= 40; n++)
            for (int at = 0; at < n; at += 7)
            {
                var x = new float[n];
                for (int i = 0; i < n; i++) x[i] = i;
                x[at] = float.NaN;
                Assert.True(float.IsNaN(ReduceKernels.Max<float>(x)), $"Max n={n} NaN at {at}");
                Assert.True(float.IsNaN(ReduceKernels.Min<float>(x)), $"Min n={n}");
                Assert.True(float.IsNaN(ReduceKernels.Sum<float>(x)), $"Sum n={n}");
                Assert.Equal(at, ReduceKernels.ArgMax<float>(x)); // like PyTorch: a NaN is the maximum
                Assert.Equal(at, ReduceKernels.ArgMin<float>(x));
            }
    }

    [Fact]
    public void EmptySpans()
    {
        Assert.Equal(0.0, ReduceKernels.Sum<double>([]));
        Assert.Equal(double.NegativeInfinity, ReduceKernels.Max<double>([]));
        Assert.Equal(double.PositiveInfinity, ReduceKernels.Min<double>([]));
        Assert.Equal(-1, ReduceKernels.ArgMax<double>([]));
        Assert.Equal(-1, ReduceKernels.ArgMin<double>([]));
    }
}
