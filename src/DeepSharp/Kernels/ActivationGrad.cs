using System.Runtime.Intrinsics;

namespace DeepSharp.Kernels;

/// <summary>
/// Backward of the fused epilogue activations, written with the stored output y:
/// d = g · act'(z) with relu' = [y &gt; 0], tanh' = 1 - y², sigmoid' = y (1 - y).
/// </summary>
public static class ActivationGrad
{
    /// <summary>d[i] = g[i] · act'(y[i]) (Vector512 / Vector256 with a scalar tail).</summary>
    public static void Apply(Activation activation, ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> d)
    {
        if (g.Length != y.Length || d.Length < g.Length)
            throw new ArgumentException($"ActivationGrad: lengths differ: g {g.Length}, y {y.Length}, d {d.Length}.");
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= g.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                Step(activation, Vector512.Create(g.Slice(i)), Vector512.Create(y.Slice(i))).CopyTo(d.Slice(i));
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= g.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                Step(activation, Vector256.Create(g.Slice(i)), Vector256.Create(y.Slice(i))).CopyTo(d.Slice(i));
        for (; i < g.Length; i++) d[i] = Scalar(activation, g[i], y[i]);
    }

    /// <summary>The scalar reference.</summary>
    public static float Scalar(Activation activation, float g, float y) => activation switch
    {
        Activation.Relu => y > 0f ? g : 0f,
        Activation.Tanh => g * (1f - y * y),
        Activation.Sigmoid => g * (y * (1f - y)),
        _ => g,
    };

    private static Vector512<float> Step(Activation activation, Vector512<float> g, Vector512<float> y) => activation switch
    {
        Activation.Relu => Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), g, Vector512<float>.Zero),
        Activation.Tanh => g * (Vector512<float>.One - y * y),
        Activation.Sigmoid => g * (y * (Vector512<float>.One - y)),
        _ => g,
    };

    private static Vector256<float> Step(Activation activation, Vector256<float> g, Vector256<float> y) => activation switch
    {
        Activation.Relu => Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), g, Vector256<float>.Zero),
        Activation.Tanh => g * (Vector256<float>.One - y * y),
        Activation.Sigmoid => g * (y * (Vector256<float>.One - y)),
        _ => g,
    };
}
