using System.Numerics;
using System.Runtime.InteropServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace DeepSharp.Backends.Cpu;

// The fused element-wise activations, forward beside backward. Parameters are held as double and
// converted once per block. Transcendental parts go through TensorPrimitives (SIMD); the cheap
// selections and products that combine them are plain loops.

/// <summary>1 where x ≥ threshold, else 0; zero derivative.</summary>
internal readonly struct StepOp(double threshold) : IPointwiseOp
{
    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T t = T.CreateTruncating(threshold);
        for (int i = 0; i < x.Length; i++) y[i] = x[i] >= t ? T.One : T.Zero;
    }

    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> => dx.Clear();
}

/// <summary>+1 where x ≥ 0, else -1; zero derivative.</summary>
internal readonly struct SignOp : IPointwiseOp
{
    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) y[i] = x[i] >= T.Zero ? T.One : T.NegativeOne;
    }

    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> => dx.Clear();
}

/// <summary>x for x &gt; 0, slope·x otherwise.</summary>
internal readonly struct LeakyReluOp(double slope) : IPointwiseOp
{
    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T a = T.CreateTruncating(slope);
        for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : a * x[i];
    }

    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T a = T.CreateTruncating(slope);
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] > T.Zero ? g[i] : a * g[i];
    }
}

/// <summary>max(x, shift); gradient 1 above the bend, 0 below.</summary>
internal readonly struct ShiftedReluOp(double shift) : IPointwiseOp
{
    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Max(x, T.CreateTruncating(shift), y);

    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = T.CreateTruncating(shift);
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] > s ? g[i] : T.Zero;
    }
}

/// <summary>log(1 + e^(βx)) / β = (max(βx, 0) + log1p(e^(−|βx|))) / β, free of overflow and exact in
/// the far negative tail; x itself where βx exceeds the threshold (PyTorch's rule); derivative σ(βx).</summary>
internal readonly struct SoftplusOp(double beta, double threshold) : IPointwiseOp
{
    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T b = T.CreateTruncating(beta), limit = T.CreateTruncating(threshold);
        TensorPrimitives.Multiply(x, b, y);
        FloatMath.Log1PExpNegAbs<T>(y, y); // log(1 + e^(−|βx|)), with log1p's accuracy
        for (int i = 0; i < x.Length; i++)
        {
            T z = b * x[i];
            y[i] = z > limit ? x[i] : (T.Max(z, T.Zero) + y[i]) / b;
        }
    }

    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T b = T.CreateTruncating(beta), limit = T.CreateTruncating(threshold);
        TensorPrimitives.Multiply(x, b, dx);
        TensorPrimitives.Sigmoid(dx, dx);
        for (int i = 0; i < x.Length; i++) dx[i] = b * x[i] > limit ? g[i] : g[i] * dx[i];
    }
}

/// <summary>x for x &gt; 0, α(e^x - 1) otherwise; derivative α e^x = y + α below zero.</summary>
internal readonly struct EluOp(double alpha) : IPointwiseOp
{
    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T a = T.CreateTruncating(alpha);
        TensorPrimitives.Min(x, T.Zero, y);
        FloatMath.ExpM1<T>(y, y);
        for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : a * y[i];
    }

    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T a = T.CreateTruncating(alpha);
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] > T.Zero ? g[i] : g[i] * (y[i] + a);
    }
}

/// <summary>x · σ(βx); derivative s(1 + βx(1 - s)) with s = σ(βx).</summary>
internal readonly struct SwishOp(double beta) : IPointwiseOp
{
    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Multiply(x, T.CreateTruncating(beta), y);
        TensorPrimitives.Sigmoid(y, y);
        TensorPrimitives.Multiply(x, y, y);
    }

    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T b = T.CreateTruncating(beta);
        TensorPrimitives.Multiply(x, b, dx);
        TensorPrimitives.Sigmoid(dx, dx);
        for (int i = 0; i < x.Length; i++)
        {
            T s = dx[i];
            dx[i] = g[i] * s * (T.One + b * x[i] * (T.One - s));
        }
    }
}

/// <summary>x · Φ(x) with Φ(x) = ½ erfc(-x/√2); derivative Φ(x) + x φ(x).</summary>
/// <remarks>Double precision evaluates erfc to ~1e-14; single precision uses a rational
/// approximation with absolute error below 1e-7 in Φ, about one float ulp. The spans are cast to
/// their concrete type because a generic float-double conversion per element is slow.</remarks>
internal readonly struct GeluErfOp : IPointwiseOp
{
    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            var xs = MemoryMarshal.Cast<T, float>(x);
            var ys = MemoryMarshal.Cast<T, float>(y);
            for (int i = 0; i < xs.Length; i++) ys[i] = (float)(xs[i] * SpecialFunctions.NormalCdfFast(xs[i]));
        }
        else
        {
            var xs = MemoryMarshal.Cast<T, double>(x);
            var ys = MemoryMarshal.Cast<T, double>(y);
            for (int i = 0; i < xs.Length; i++) ys[i] = xs[i] * SpecialFunctions.NormalCdf(xs[i]);
        }
    }

    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            var xs = MemoryMarshal.Cast<T, float>(x);
            var gs = MemoryMarshal.Cast<T, float>(g);
            var ds = MemoryMarshal.Cast<T, float>(dx);
            for (int i = 0; i < xs.Length; i++)
                ds[i] = gs[i] * (float)(SpecialFunctions.NormalCdfFast(xs[i]) + xs[i] * SpecialFunctions.NormalPdf(xs[i]));
        }
        else
        {
            var xs = MemoryMarshal.Cast<T, double>(x);
            var gs = MemoryMarshal.Cast<T, double>(g);
            var ds = MemoryMarshal.Cast<T, double>(dx);
            for (int i = 0; i < xs.Length; i++)
                ds[i] = gs[i] * (SpecialFunctions.NormalCdf(xs[i]) + xs[i] * SpecialFunctions.NormalPdf(xs[i]));
        }
    }
}

/// <summary>½x(1 + tanh(√(2/π)(x + 0.044715x³))), the tanh approximation of GELU.</summary>
internal readonly struct GeluTanhOp : IPointwiseOp
{
    private const double Scale = 0.7978845608028654; // √(2/π)
    private const double Cubic = 0.044715;

    /// <summary>t = tanh(√(2/π)(x + 0.044715x³)) into <paramref name="t"/>.</summary>
    private static void Inner<T>(ReadOnlySpan<T> x, Span<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = T.CreateTruncating(Scale), c = T.CreateTruncating(Cubic);
        for (int i = 0; i < x.Length; i++) t[i] = s * (x[i] + c * x[i] * x[i] * x[i]);
        FloatMath.Tanh<T>(t, t);
    }

    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        Inner(x, y);
        for (int i = 0; i < x.Length; i++) y[i] = half * x[i] * (T.One + y[i]);
    }

    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5), s = T.CreateTruncating(Scale), c3 = T.CreateTruncating(3 * Cubic);
        Inner(x, dx);
        for (int i = 0; i < x.Length; i++)
        {
            T t = dx[i];
            T dInner = s * (T.One + c3 * x[i] * x[i]);
            dx[i] = g[i] * (half * (T.One + t) + half * x[i] * (T.One - t * t) * dInner);
        }
    }
}
