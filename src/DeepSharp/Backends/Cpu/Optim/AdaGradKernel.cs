using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The AdaGrad update as a pure function over spans, following PyTorch's <c>torch.optim.Adagrad</c>:
/// <code>
/// g = g + λ p
/// η_t = η / (1 + (t - 1) κ)
/// s = s + g²
/// p = p - η_t g / (√s + ε)
/// </code>
/// (κ the learning-rate decay, t the parameter's step count from 1).
/// </summary>
internal static class AdaGradKernel
{
    /// <summary>Applies one update in place.</summary>
    /// <param name="param">Parameter p, updated.</param>
    /// <param name="grad">Gradient g.</param>
    /// <param name="sum">Accumulated squared gradients s, updated.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="learningRateDecay">κ.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    /// <param name="step">t ≥ 1.</param>
    public static void Step(Span<float> param, ReadOnlySpan<float> grad, Span<float> sum,
        double learningRate, double learningRateDecay, double epsilon, double weightDecay, int step)
    {
        int n = param.Length;
        SpanChecks.SameLength(n, grad.Length, nameof(grad));
        SpanChecks.SameLength(n, sum.Length, nameof(sum));
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "step counts from 1.");
        float clr = (float)(learningRate / (1 + (step - 1) * learningRateDecay));
        float eps = (float)epsilon, wd = (float)weightDecay;
        ref float p = ref MemoryMarshal.GetReference(param);
        ref float g = ref MemoryMarshal.GetReference(grad);
        ref float s = ref MemoryMarshal.GetReference(sum);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vClr = new Vector<float>(clr);
            var vEps = new Vector<float>(eps);
            var vWd = new Vector<float>(wd);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var vp = Vector.LoadUnsafe(ref p, (nuint)i);
                var vg = Vector.LoadUnsafe(ref g, (nuint)i);
                if (wd != 0) vg += vWd * vp;
                var vs = Vector.LoadUnsafe(ref s, (nuint)i) + vg * vg;
                vs.StoreUnsafe(ref s, (nuint)i);
                (vp - vClr * (vg / (Vector.SquareRoot(vs) + vEps))).StoreUnsafe(ref p, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float vp = param[i];
            float vg = grad[i];
            if (wd != 0) vg += wd * vp;
            float vs = sum[i] + vg * vg;
            sum[i] = vs;
            param[i] = vp - clr * (vg / (MathF.Sqrt(vs) + eps));
        }
    }
}
