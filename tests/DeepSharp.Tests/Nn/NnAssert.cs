using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

/// <summary>Shared assertions for the Nn tests.</summary>
internal static class NnAssert
{
    /// <summary>Inputs away from every kink used by the activations (0, -1, thresholds).</summary>
    public static Tensor SmoothInput() =>
        Tensor.FromArray(new double[] { -2.3, -1.7, -0.6, -0.3, 0.4, 0.9, 1.5, 2.2 }, 2, 4);

    public static void Close(double[] expected, Tensor actual, double tol = 1e-12)
    {
        var a = actual.ToDoubleArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tol * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:R}, got {a[i]:R}");
    }

    public static void Close(double expected, Tensor actual, double tol = 1e-12) => Close([expected], actual, tol);

    public static void GradChecks(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        // GradCheck copies inputs with ConvertRaw(Float64), which leaves a Float64 source unread
        // (uninitialized or zero copy) in this core version; Float32 inputs are converted correctly,
        // and the check itself still runs in Float64 at the rounded points.
        inputs = [.. inputs.Select(t => t.DType == DType.Float64 ? t.To(DType.Float32) : t)];
        var r = GradCheck.Check(f, inputs);
        Assert.True(r.Passed, r.ToString());
    }

    public static void AllFinite(Tensor t)
    {
        foreach (double v in t.ToDoubleArray()) Assert.True(double.IsFinite(v), $"non-finite value {v} in {t}");
    }
}
