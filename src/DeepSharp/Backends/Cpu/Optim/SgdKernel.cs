using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The stochastic gradient descent update as a pure function over spans, following PyTorch's
/// <c>torch.optim.SGD</c>:
/// <code>
/// d = g + λ p
/// if μ ≠ 0:  b = (first step) ? d : μ b + (1 - τ) d
///            d = nesterov ? d + μ b : b
/// p = p - η d
/// </code>
/// (η learning rate, μ momentum, τ dampening, λ weight decay).
/// </summary>
internal static class SgdKernel
{
    /// <summary>Applies one update in place.</summary>
    /// <param name="param">Parameter values p, updated.</param>
    /// <param name="grad">Gradient g.</param>
    /// <param name="momentumBuffer">Momentum buffer b (same length), updated; may be empty when momentum is 0.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="momentum">μ (0 for plain gradient descent).</param>
    /// <param name="dampening">τ.</param>
    /// <param name="weightDecay">λ (L2 penalty added to the gradient).</param>
    /// <param name="nesterov">Use Nesterov momentum.</param>
    /// <param name="firstStep">True on the parameter's first update: the buffer starts as d.</param>
    public static void Step(Span<float> param, ReadOnlySpan<float> grad, Span<float> momentumBuffer,
        float learningRate, float momentum, float dampening, float weightDecay, bool nesterov, bool firstStep)
    {
        int n = param.Length;
        SpanChecks.SameLength(n, grad.Length, nameof(grad));
        bool useMomentum = momentum != 0;
        if (useMomentum) SpanChecks.SameLength(n, momentumBuffer.Length, nameof(momentumBuffer));
        ref float p = ref MemoryMarshal.GetReference(param);
        ref float g = ref MemoryMarshal.GetReference(grad);
        ref float b = ref MemoryMarshal.GetReference(momentumBuffer);
        float keep = 1 - dampening;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vLr = new Vector<float>(learningRate);
            var vMu = new Vector<float>(momentum);
            var vKeep = new Vector<float>(keep);
            var vWd = new Vector<float>(weightDecay);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var vp = Vector.LoadUnsafe(ref p, (nuint)i);
                var d = Vector.LoadUnsafe(ref g, (nuint)i);
                if (weightDecay != 0) d += vWd * vp;
                if (useMomentum)
                {
                    var vb = firstStep ? d : vMu * Vector.LoadUnsafe(ref b, (nuint)i) + vKeep * d;
                    vb.StoreUnsafe(ref b, (nuint)i);
                    d = nesterov ? d + vMu * vb : vb;
                }
                (vp - vLr * d).StoreUnsafe(ref p, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float vp = param[i];
            float d = grad[i];
            if (weightDecay != 0) d += weightDecay * vp;
            if (useMomentum)
            {
                float vb = firstStep ? d : momentum * momentumBuffer[i] + keep * d;
                momentumBuffer[i] = vb;
                d = nesterov ? d + momentum * vb : vb;
            }
            param[i] = vp - learningRate * d;
        }
    }
}
