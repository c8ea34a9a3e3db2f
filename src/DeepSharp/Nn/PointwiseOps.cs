using System.Numerics;

namespace DeepSharp.Nn;

// The fused element-wise activations. Parameters are held as double and converted per call:
// one conversion is negligible beside the arithmetic, and it keeps one struct for both dtypes.

/// <summary>1 where x ≥ threshold, else 0; zero derivative.</summary>
internal readonly struct StepOp(double threshold) : IPointwiseOp
{
    public T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x >= T.CreateTruncating(threshold) ? T.One : T.Zero;
    public T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => T.Zero;
}

/// <summary>+1 where x ≥ 0, else -1; zero derivative.</summary>
internal readonly struct SignOp : IPointwiseOp
{
    public T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => x >= T.Zero ? T.One : -T.One;
    public T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => T.Zero;
}

/// <summary>x for x &gt; 0, slope·x otherwise.</summary>
internal readonly struct LeakyReluOp(double slope) : IPointwiseOp
{
    public T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x > T.Zero ? x : T.CreateTruncating(slope) * x;
    public T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> =>
        x > T.Zero ? T.One : T.CreateTruncating(slope);
}

/// <summary>max(x, shift).</summary>
internal readonly struct ShiftedReluOp(double shift) : IPointwiseOp
{
    public T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Max(x, T.CreateTruncating(shift));
    public T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> =>
        x > T.CreateTruncating(shift) ? T.One : T.Zero;
}

/// <summary>log(1 + e^(βx)) / β, linear above the threshold where it equals x to working precision.</summary>
internal readonly struct SoftplusOp(double beta, double threshold) : IPointwiseOp
{
    public T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T b = T.CreateTruncating(beta), bx = b * x;
        return bx > T.CreateTruncating(threshold) ? x : T.LogP1(T.Exp(bx)) / b;
    }

    public T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T bx = T.CreateTruncating(beta) * x;
        return bx > T.CreateTruncating(threshold) ? T.One : T.One / (T.One + T.Exp(-bx));
    }
}

/// <summary>x for x &gt; 0, α(e^x - 1) otherwise.</summary>
internal readonly struct EluOp(double alpha) : IPointwiseOp
{
    public T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x > T.Zero ? x : T.CreateTruncating(alpha) * T.ExpM1(x);
    // below zero: d/dx α(e^x - 1) = α e^x = y + α
    public T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> =>
        x > T.Zero ? T.One : y + T.CreateTruncating(alpha);
}

/// <summary>x · σ(βx).</summary>
internal readonly struct SwishOp(double beta) : IPointwiseOp
{
    public T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x / (T.One + T.Exp(-T.CreateTruncating(beta) * x));

    public T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T b = T.CreateTruncating(beta);
        T s = T.One / (T.One + T.Exp(-b * x));
        return s * (T.One + b * x * (T.One - s));
    }
}

/// <summary>x · Φ(x) with the exact normal CDF Φ(x) = ½ erfc(-x/√2).</summary>
internal readonly struct GeluErfOp : IPointwiseOp
{
    public T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double v = double.CreateTruncating(x);
        return T.CreateTruncating(v * SpecialFunctions.NormalCdf(v));
    }

    public T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double v = double.CreateTruncating(x);
        return T.CreateTruncating(SpecialFunctions.NormalCdf(v) + v * SpecialFunctions.NormalPdf(v));
    }
}

/// <summary>½x(1 + tanh(√(2/π)(x + 0.044715x³))), the tanh approximation of GELU.</summary>
internal readonly struct GeluTanhOp : IPointwiseOp
{
    private const double Scale = 0.7978845608028654; // √(2/π)
    private const double Cubic = 0.044715;

    public T Forward<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        T inner = T.CreateTruncating(Scale) * (x + T.CreateTruncating(Cubic) * x * x * x);
        return half * x * (T.One + T.Tanh(inner));
    }

    public T Derivative<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5), c = T.CreateTruncating(Cubic), s = T.CreateTruncating(Scale);
        T t = T.Tanh(s * (x + c * x * x * x));
        T dInner = s * (T.One + T.CreateTruncating(3) * c * x * x);
        return half * (T.One + t) + half * x * (T.One - t * t) * dInner;
    }
}
