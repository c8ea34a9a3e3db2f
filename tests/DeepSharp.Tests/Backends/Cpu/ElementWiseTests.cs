using System.Numerics;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Backends.Cpu;

/// <summary>Every SIMD element-wise kernel against its scalar twin, over every length 0..257 so
/// each vector width and every tail path runs, for float and double.</summary>
public sealed class ElementWiseTests
{
    private const int MaxLength = 257;

    public static TheoryData<BinaryOp> BinaryOps() => [.. Enum.GetValues<BinaryOp>()];
    public static TheoryData<UnaryOp> UnaryRules() => [.. Enum.GetValues<UnaryOp>()];

    /// <summary>Operands inside the op's domain (positive where log / sqrt / pow need it), with
    /// exact zeros and ties sprinkled in so max / min / sign meet their edge cases.</summary>
    private static T[] Operand<T>(RandomGenerator rng, int n, bool positive) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[n];
        for (int i = 0; i < n; i++)
        {
            double v = positive ? rng.NextDouble(0.05, 3.0) : rng.NextDouble(-4.0, 4.0);
            if (!positive && i % 17 == 5) v = 0;
            if (i % 13 == 7) v = 1.0;
            x[i] = T.CreateTruncating(v);
        }
        return x;
    }

    private static bool NeedsPositive(BinaryOp op) => op == BinaryOp.Power;

    private static bool NeedsPositive(UnaryOp op) => op is UnaryOp.Log or UnaryOp.Sqrt;

    /// <summary>Vector and scalar results may differ by a few ulps for transcendental functions only.</summary>
    private static bool Close<T>(T expected, T actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNaN(expected)) return T.IsNaN(actual);
        double e = double.CreateTruncating(expected), a = double.CreateTruncating(actual);
        double rel = typeof(T) == typeof(float) ? 4e-6 : 1e-13;
        return Math.Abs(e - a) <= rel * Math.Max(1.0, Math.Abs(e));
    }

    /// <summary>Asserts closeness; the message is built only on failure (this runs ~10^5 times per test).</summary>
    private static void AssertClose<T>(T expected, T actual, Func<string> context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Close(expected, actual)) Assert.Fail($"{context()}: expected {expected}, got {actual}");
    }

    private static void BinaryAllLengths<T>(BinaryOp op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new RandomGenerator(11);
        for (int n = 0; n <= MaxLength; n++)
        {
            var x = Operand<T>(rng, n, NeedsPositive(op));
            var y = Operand<T>(rng, n, false);
            if (op == BinaryOp.Divide) for (int i = 0; i < n; i++) if (y[i] == T.Zero) y[i] = T.One;
            T s = Operand<T>(rng, 1, NeedsPositive(op))[0] + T.CreateTruncating(0.5);
            var both = new T[n + 1];
            var spanScalar = new T[n];
            var scalarSpan = new T[n];
            both[n] = T.CreateTruncating(42);
            ElementWise.Binary(op, x, y, both.AsSpan(0, n));
            ElementWise.Binary(op, x, s, spanScalar);
            ElementWise.Binary(op, NeedsPositive(op) ? s : s - T.One, y, scalarSpan);
            for (int i = 0; i < n; i++)
            {
                AssertClose(ElementWise.Scalar(op, x[i], y[i]), both[i], () => $"{typeof(T).Name} {op} n={n} i={i} (span, span)");
                AssertClose(ElementWise.Scalar(op, x[i], s), spanScalar[i], () => $"{typeof(T).Name} {op} n={n} i={i} (span, scalar)");
                AssertClose(ElementWise.Scalar(op, NeedsPositive(op) ? s : s - T.One, y[i]), scalarSpan[i], () => $"{typeof(T).Name} {op} n={n} i={i} (scalar, span)");
            }
            Assert.Equal(T.CreateTruncating(42), both[n]); // nothing written past the destination length
        }
    }

    private static void UnaryAllLengths<T>(UnaryOp op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new RandomGenerator(12);
        for (int n = 0; n <= MaxLength; n++)
        {
            var x = Operand<T>(rng, n, NeedsPositive(op));
            if (op == UnaryOp.Reciprocal) for (int i = 0; i < n; i++) if (x[i] == T.Zero) x[i] = T.One;
            var d = new T[n];
            ElementWise.Unary(op, x, d);
            for (int i = 0; i < n; i++)
                AssertClose(ElementWise.Scalar(op, x[i]), d[i], () => $"{typeof(T).Name} {op} n={n} i={i}");
        }
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryMatchesScalarReferenceFloat(BinaryOp op) => BinaryAllLengths<float>(op);

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryMatchesScalarReferenceDouble(BinaryOp op) => BinaryAllLengths<double>(op);

    [Theory]
    [MemberData(nameof(UnaryRules))]
    public void UnaryMatchesScalarReferenceFloat(UnaryOp op) => UnaryAllLengths<float>(op);

    [Theory]
    [MemberData(nameof(UnaryRules))]
    public void UnaryMatchesScalarReferenceDouble(UnaryOp op) => UnaryAllLengths<double>(op);

    private static void CompareAllLengths<T>(ComparisonOp op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new RandomGenerator(13);
        for (int n = 0; n <= MaxLength; n++)
        {
            // small integers: plenty of equal pairs; a NaN now and then
            var x = new T[n];
            var y = new T[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = i % 23 == 9 ? T.NaN : T.CreateTruncating(rng.NextInt(-2, 3));
                y[i] = i % 29 == 4 ? T.NaN : T.CreateTruncating(rng.NextInt(-2, 3));
            }
            T s = T.CreateTruncating(rng.NextInt(-2, 3));
            var both = new T[n];
            var withScalar = new T[n];
            ElementWise.Compare(op, x, y, both);
            ElementWise.Compare(op, x, s, withScalar);
            for (int i = 0; i < n; i++)
            {
                if (ElementWise.Scalar(op, x[i], y[i]) != both[i]) Assert.Fail($"{typeof(T).Name} {op} n={n} i={i}: {x[i]} vs {y[i]}");
                if (ElementWise.Scalar(op, x[i], s) != withScalar[i]) Assert.Fail($"{typeof(T).Name} {op} n={n} i={i}: {x[i]} vs scalar {s}");
            }
        }
    }

    public static TheoryData<ComparisonOp> Comparisons() => [.. Enum.GetValues<ComparisonOp>()];

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void CompareMatchesScalarReference(ComparisonOp op)
    {
        CompareAllLengths<float>(op);
        CompareAllLengths<double>(op);
    }

    [Fact]
    public void CompareScalarReferenceAtHandWorkedPoints()
    {
        Assert.Equal(1f, ElementWise.Scalar(ComparisonOp.Less, 1f, 2f));
        Assert.Equal(0f, ElementWise.Scalar(ComparisonOp.Greater, 1f, 2f));
        Assert.Equal(1f, ElementWise.Scalar(ComparisonOp.GreaterOrEqual, 2f, 2f));
        Assert.Equal(0f, ElementWise.Scalar(ComparisonOp.Equal, float.NaN, float.NaN));
        Assert.Equal(1f, ElementWise.Scalar(ComparisonOp.NotEqual, float.NaN, float.NaN));
        Assert.Equal(0f, ElementWise.Scalar(ComparisonOp.LessOrEqual, float.NaN, 1f));
    }

    [Fact]
    public void ScalarReferenceAtHandWorkedPoints()
    {
        Assert.Equal(5f, ElementWise.Scalar(BinaryOp.Add, 2f, 3f));
        Assert.Equal(-1f, ElementWise.Scalar(BinaryOp.Subtract, 2f, 3f));
        Assert.Equal(6f, ElementWise.Scalar(BinaryOp.Multiply, 2f, 3f));
        Assert.Equal(0.5f, ElementWise.Scalar(BinaryOp.Divide, 2f, 4f));
        Assert.Equal(3f, ElementWise.Scalar(BinaryOp.Maximum, 2f, 3f));
        Assert.Equal(2f, ElementWise.Scalar(BinaryOp.Minimum, 2f, 3f));
        Assert.Equal(8f, ElementWise.Scalar(BinaryOp.Power, 2f, 3f));
        Assert.Equal(-2.0, ElementWise.Scalar(UnaryOp.Negate, 2.0));
        Assert.Equal(2.0, ElementWise.Scalar(UnaryOp.Abs, -2.0));
        Assert.Equal(Math.E, ElementWise.Scalar(UnaryOp.Exp, 1.0), 15);
        Assert.Equal(1.0, ElementWise.Scalar(UnaryOp.Log, Math.E), 15);
        Assert.Equal(3.0, ElementWise.Scalar(UnaryOp.Sqrt, 9.0));
        Assert.Equal(9.0, ElementWise.Scalar(UnaryOp.Square, -3.0));
        Assert.Equal(0.25, ElementWise.Scalar(UnaryOp.Reciprocal, 4.0));
        Assert.Equal(0.5, ElementWise.Scalar(UnaryOp.Sigmoid, 0.0));
        Assert.Equal(Math.Tanh(0.5), ElementWise.Scalar(UnaryOp.Tanh, 0.5), 15);
        Assert.Equal(Math.PI / 4, ElementWise.Scalar(UnaryOp.Atan, 1.0), 15);
        Assert.Equal(1.0, ElementWise.Scalar(UnaryOp.Sin, Math.PI / 2), 15);
        Assert.Equal(-1.0, ElementWise.Scalar(UnaryOp.Cos, Math.PI), 15);
        Assert.Equal(0.0, ElementWise.Scalar(UnaryOp.Relu, -3.0));
        Assert.Equal(3.0, ElementWise.Scalar(UnaryOp.Relu, 3.0));
        Assert.Equal(-1.0, ElementWise.Scalar(UnaryOp.Sign, -3.0));
        Assert.Equal(0.0, ElementWise.Scalar(UnaryOp.Sign, 0.0));
    }

    [Fact]
    public void NaNPropagatesThroughMaxMinReluSignInVectorAndScalarPaths()
    {
        float[] x = [float.NaN, 1f, -1f, float.NaN, 0f, 2f, float.PositiveInfinity, float.NegativeInfinity, 3f];
        float[] y = [1f, float.NaN, 0f, float.NaN, -0f, 2f, 1f, 1f, float.NaN];
        var d = new float[x.Length];
        foreach (var op in new[] { BinaryOp.Maximum, BinaryOp.Minimum })
        {
            ElementWise.Binary(op, x, y, d);
            for (int i = 0; i < x.Length; i++)
            {
                float expected = ElementWise.Scalar(op, x[i], y[i]);
                Assert.Equal(float.IsNaN(x[i]) || float.IsNaN(y[i]), float.IsNaN(expected));
                Assert.Equal(expected, d[i]);
            }
        }
        foreach (var op in new[] { UnaryOp.Relu, UnaryOp.Sign, UnaryOp.Abs })
        {
            ElementWise.Unary(op, x, d);
            for (int i = 0; i < x.Length; i++) Assert.Equal(ElementWise.Scalar(op, x[i]), d[i]);
            Assert.True(float.IsNaN(d[0]), $"{op}(NaN) must be NaN");
        }
    }

    [Fact]
    public void InPlaceAliasingIsAllowed()
    {
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
        ElementWise.Binary(BinaryOp.Add, x, x, x);
        Assert.Equal(34f, x[16]);
        ElementWise.Unary(UnaryOp.Negate, x, x);
        Assert.Equal(-2f, x[0]);
    }

    [Fact]
    public void MismatchedLengthsThrowNamingTheLengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => ElementWise.Binary(BinaryOp.Add, new float[3], new float[4], new float[4]));
        Assert.Contains("x 3", ex.Message);
        Assert.Contains("y 4", ex.Message);
        Assert.Throws<ArgumentException>(() => ElementWise.Unary(UnaryOp.Exp, new float[5], new float[4]));
        Assert.Throws<ArgumentException>(() => ElementWise.Binary(BinaryOp.Add, new float[5], 1f, new float[4]));
    }
}
