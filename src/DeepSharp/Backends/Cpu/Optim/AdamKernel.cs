using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The Adam / AdamW update as a pure function over spans, following PyTorch's
/// <c>torch.optim.Adam</c> and <c>AdamW</c>:
/// <code>
/// AdamW: p = p (1 - η λ)         Adam: g = g + λ p
/// m = β1 m + (1 - β1) g
/// v = β2 v + (1 - β2) g²
/// p = p - η / (1 - β1^t) · m / (√v / √(1 - β2^t) + ε)
/// </code>
/// (t the parameter's step count, from 1).
/// </summary>
internal static class AdamKernel
{
    /// <summary>Applies one update in place.</summary>
    /// <param name="param">Parameter p, updated.</param>
    /// <param name="grad">Gradient g.</param>
    /// <param name="expAvg">First moment m, updated.</param>
    /// <param name="expAvgSq">Second moment v, updated.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    /// <param name="step">t ≥ 1, for the bias corrections.</param>
    /// <param name="decoupledWeightDecay">AdamW's decay of the weights instead of Adam's L2 term in the gradient.</param>
    public static void Step(Span<float> param, ReadOnlySpan<float> grad, Span<float> expAvg, Span<float> expAvgSq,
        double learningRate, double beta1, double beta2, double epsilon, double weightDecay, int step, bool decoupledWeightDecay)
    {
        int n = param.Length;
        SpanChecks.SameLength(n, grad.Length, nameof(grad));
        SpanChecks.SameLength(n, expAvg.Length, nameof(expAvg));
        SpanChecks.SameLength(n, expAvgSq.Length, nameof(expAvgSq));
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "step counts from 1.");
        // Scalars in double, as PyTorch computes them in Python, then rounded once to float.
        float decay = decoupledWeightDecay ? (float)(1 - learningRate * weightDecay) : 1f;
        float l2 = decoupledWeightDecay ? 0f : (float)weightDecay;
        float b1 = (float)beta1, c1 = (float)(1 - beta1);
        float b2 = (float)beta2, c2 = (float)(1 - beta2);
        float stepSize = (float)(learningRate / (1 - Math.Pow(beta1, step)));
        float correction2 = (float)Math.Sqrt(1 - Math.Pow(beta2, step));
        float eps = (float)epsilon;

        ref float p = ref MemoryMarshal.GetReference(param);
        ref float g = ref MemoryMarshal.GetReference(grad);
        ref float m = ref MemoryMarshal.GetReference(expAvg);
        ref float v = ref MemoryMarshal.GetReference(expAvgSq);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vDecay = new Vector<float>(decay);
            var vL2 = new Vector<float>(l2);
            var vB1 = new Vector<float>(b1);
            var vC1 = new Vector<float>(c1);
            var vB2 = new Vector<float>(b2);
            var vC2 = new Vector<float>(c2);
            var vStep = new Vector<float>(stepSize);
            var vCorr = new Vector<float>(correction2);
            var vEps = new Vector<float>(eps);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var vp = Vector.LoadUnsafe(ref p, (nuint)i);
                var vg = Vector.LoadUnsafe(ref g, (nuint)i);
                if (decoupledWeightDecay) vp *= vDecay;
                else if (l2 != 0) vg += vL2 * vp;
                var vm = vB1 * Vector.LoadUnsafe(ref m, (nuint)i) + vC1 * vg;
                var vv = vB2 * Vector.LoadUnsafe(ref v, (nuint)i) + vC2 * vg * vg;
                vm.StoreUnsafe(ref m, (nuint)i);
                vv.StoreUnsafe(ref v, (nuint)i);
                var denom = Vector.SquareRoot(vv) / vCorr + vEps;
                (vp - vStep * (vm / denom)).StoreUnsafe(ref p, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float vp = param[i];
            float vg = grad[i];
            if (decoupledWeightDecay) vp *= decay;
            else if (l2 != 0) vg += l2 * vp;
            float vm = b1 * expAvg[i] + c1 * vg;
            float vv = b2 * expAvgSq[i] + c2 * vg * vg;
            expAvg[i] = vm;
            expAvgSq[i] = vv;
            float denom = MathF.Sqrt(vv) / correction2 + eps;
            param[i] = vp - stepSize * (vm / denom);
        }
    }
}
