using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// Backward of the fused epilogue activations, written with the stored output y:
/// d = g · act'(z) with relu' = [y &gt; 0], tanh' = 1 - y², sigmoid' = y (1 - y).
/// </summary>
internal static class ActivationGrad
{
    /// <summary>d[i] = g[i] · act'(y[i]) (Vector512 / Vector256 with a scalar tail; split across
    /// threads from <see cref="Parallelism.ElementWiseThreshold"/> elements, each element
    /// computed the same way whatever the split).</summary>
    public static unsafe void Apply(Activation activation, ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> d)
    {
        if (g.Length != y.Length || d.Length < g.Length)
            throw new ArgumentException($"ActivationGrad: lengths differ: g {g.Length}, y {y.Length}, d {d.Length}.");
        int n = g.Length;
        fixed (float* gp = g, yp = y, dp = d)
        {
            if (n < Parallelism.ElementWiseThreshold || Parallelism.MaxThreads == 1)
            {
                Range(activation, gp, yp, dp, n);
                return;
            }
            nint gi = (nint)gp, yi = (nint)yp, di = (nint)dp; // the spans are pinned until the split returns
            Parallelism.ForChunks(n, Parallelism.ElementWiseThreshold / 2, (start, end) =>
                Range(activation, (float*)gi + start, (float*)yi + start, (float*)di + start, end - start));
        }
    }

    /// <summary>The scalar reference.</summary>
    public static float Scalar(Activation activation, float g, float y) => activation switch
    {
        Activation.Relu => y > 0f ? g : 0f,
        Activation.Tanh => g * (1f - y * y),
        Activation.Sigmoid => g * (y * (1f - y)),
        _ => g,
    };

    // One loop per activation (the switch is outside the loop; each loop is specialised by the JIT).
    private static unsafe void Range(Activation activation, float* g, float* y, float* d, int n)
    {
        switch (activation)
        {
            case Activation.Relu: Range<Relu>(g, y, d, n); break;
            case Activation.Tanh: Range<Tanh>(g, y, d, n); break;
            case Activation.Sigmoid: Range<Sigmoid>(g, y, d, n); break;
            default: new Span<float>(g, n).CopyTo(new Span<float>(d, n)); break;
        }
    }

    private static unsafe void Range<TOp>(float* g, float* y, float* d, int n) where TOp : struct, IDerivative
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                TOp.Apply(Vector512.Load(g + i), Vector512.Load(y + i)).Store(d + i);
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                TOp.Apply(Vector256.Load(g + i), Vector256.Load(y + i)).Store(d + i);
        for (; i < n; i++) d[i] = TOp.Apply(g[i], y[i]);
    }

    private interface IDerivative
    {
        static abstract Vector512<float> Apply(Vector512<float> g, Vector512<float> y);

        static abstract Vector256<float> Apply(Vector256<float> g, Vector256<float> y);

        static abstract float Apply(float g, float y);
    }

    private readonly struct Relu : IDerivative
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> g, Vector512<float> y) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), g, Vector512<float>.Zero);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> g, Vector256<float> y) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), g, Vector256<float>.Zero);

        public static float Apply(float g, float y) => Scalar(Activation.Relu, g, y);
    }

    private readonly struct Tanh : IDerivative
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> g, Vector512<float> y) => g * (Vector512<float>.One - y * y);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> g, Vector256<float> y) => g * (Vector256<float>.One - y * y);

        public static float Apply(float g, float y) => Scalar(Activation.Tanh, g, y);
    }

    private readonly struct Sigmoid : IDerivative
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> g, Vector512<float> y) => g * (y * (Vector512<float>.One - y));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> g, Vector256<float> y) => g * (y * (Vector256<float>.One - y));

        public static float Apply(float g, float y) => Scalar(Activation.Sigmoid, g, y);
    }
}
