using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The RMSprop update as a pure function over spans, following PyTorch's <c>torch.optim.RMSprop</c>:
/// <code>
/// g = g + λ p
/// s = α s + (1 - α) g²
/// centered:  a = α a + (1 - α) g;  d = √(s - a²) + ε      else  d = √s + ε
/// μ &gt; 0:     b = μ b + g / d;  p = p - η b                else  p = p - η g / d
/// </code>
/// </summary>
internal static class RmsPropKernel
{
    /// <summary>Applies one update in place.</summary>
    /// <param name="param">Parameter p, updated.</param>
    /// <param name="grad">Gradient g.</param>
    /// <param name="squareAvg">Running average s of g², updated.</param>
    /// <param name="gradAvg">Running average a of g (only when <paramref name="centered"/>; else may be empty).</param>
    /// <param name="momentumBuffer">Momentum buffer b (only when <paramref name="momentum"/> &gt; 0; else may be empty).</param>
    /// <param name="learningRate">η.</param>
    /// <param name="alpha">Smoothing constant α.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="centered">Normalize by the estimated variance instead of the raw second moment.</param>
    public static void Step(Span<float> param, ReadOnlySpan<float> grad, Span<float> squareAvg, Span<float> gradAvg, Span<float> momentumBuffer,
        float learningRate, float alpha, float epsilon, float weightDecay, float momentum, bool centered)
    {
        int n = param.Length;
        SpanChecks.SameLength(n, grad.Length, nameof(grad));
        SpanChecks.SameLength(n, squareAvg.Length, nameof(squareAvg));
        if (centered) SpanChecks.SameLength(n, gradAvg.Length, nameof(gradAvg));
        bool useMomentum = momentum > 0;
        if (useMomentum) SpanChecks.SameLength(n, momentumBuffer.Length, nameof(momentumBuffer));
        float keep = 1 - alpha;
        ref float p = ref MemoryMarshal.GetReference(param);
        ref float g = ref MemoryMarshal.GetReference(grad);
        ref float s = ref MemoryMarshal.GetReference(squareAvg);
        ref float a = ref MemoryMarshal.GetReference(gradAvg);
        ref float b = ref MemoryMarshal.GetReference(momentumBuffer);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vLr = new Vector<float>(learningRate);
            var vAlpha = new Vector<float>(alpha);
            var vKeep = new Vector<float>(keep);
            var vEps = new Vector<float>(epsilon);
            var vWd = new Vector<float>(weightDecay);
            var vMu = new Vector<float>(momentum);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var vp = Vector.LoadUnsafe(ref p, (nuint)i);
                var vg = Vector.LoadUnsafe(ref g, (nuint)i);
                if (weightDecay != 0) vg += vWd * vp;
                var vs = vAlpha * Vector.LoadUnsafe(ref s, (nuint)i) + vKeep * vg * vg;
                vs.StoreUnsafe(ref s, (nuint)i);
                Vector<float> d;
                if (centered)
                {
                    var va = vAlpha * Vector.LoadUnsafe(ref a, (nuint)i) + vKeep * vg;
                    va.StoreUnsafe(ref a, (nuint)i);
                    d = Vector.SquareRoot(vs - va * va) + vEps;
                }
                else d = Vector.SquareRoot(vs) + vEps;
                if (useMomentum)
                {
                    var vb = vMu * Vector.LoadUnsafe(ref b, (nuint)i) + vg / d;
                    vb.StoreUnsafe(ref b, (nuint)i);
                    vp -= vLr * vb;
                }
                else vp -= vLr * (vg / d);
                vp.StoreUnsafe(ref p, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float vp = param[i];
            float vg = grad[i];
            if (weightDecay != 0) vg += weightDecay * vp;
            float vs = alpha * squareAvg[i] + keep * vg * vg;
            squareAvg[i] = vs;
            float d;
            if (centered)
            {
                float va = alpha * gradAvg[i] + keep * vg;
                gradAvg[i] = va;
                d = MathF.Sqrt(vs - va * va) + epsilon;
            }
            else d = MathF.Sqrt(vs) + epsilon;
            if (useMomentum)
            {
                float vb = momentum * momentumBuffer[i] + vg / d;
                momentumBuffer[i] = vb;
                vp -= learningRate * vb;
            }
            else vp -= learningRate * (vg / d);
            param[i] = vp;
        }
    }
}
