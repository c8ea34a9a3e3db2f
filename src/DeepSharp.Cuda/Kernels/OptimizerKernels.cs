using ILGPU;

namespace DeepSharp.Backends.Cuda;

/// <summary>Fused optimizer updates (Float32, in place, one thread per parameter element), PyTorch's
/// rules as the CPU backend computes them.</summary>
internal static class OptimizerKernels
{
    public static void Sgd(Index1D i, ArrayView<float> p, ArrayView<float> g, ArrayView<float> b, float lr, float momentum, float keep,
        float weightDecay, int nesterov, int firstStep)
    {
        float vp = p[i], d = g[i];
        if (weightDecay != 0) d += weightDecay * vp;
        if (momentum != 0)
        {
            float vb = firstStep != 0 ? d : momentum * b[i] + keep * d;
            b[i] = vb;
            d = nesterov != 0 ? d + momentum * vb : vb;
        }
        p[i] = vp - lr * d;
    }

    public static void Adam(Index1D i, ArrayView<float> p, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, AdamScalars s)
    {
        float vp = p[i], vg = g[i];
        if (s.Decoupled != 0) vp *= s.Decay;
        else if (s.L2 != 0) vg += s.L2 * vp;
        float vm = s.B1 * m[i] + s.C1 * vg;
        float vv = s.B2 * v[i] + s.C2 * vg * vg;
        m[i] = vm;
        v[i] = vv;
        float denom = MathF.Sqrt(vv) / s.Correction2 + s.Epsilon;
        p[i] = vp - s.StepSize * (vm / denom);
    }

    public static void RmsProp(Index1D i, ArrayView<float> p, ArrayView<float> g, ArrayView<float> sq, ArrayView<float> avg, ArrayView<float> b,
        float lr, float alpha, float eps, float weightDecay, float momentum, int centered)
    {
        float keep = 1 - alpha;
        float vp = p[i], vg = g[i];
        if (weightDecay != 0) vg += weightDecay * vp;
        float vs = alpha * sq[i] + keep * vg * vg;
        sq[i] = vs;
        float d;
        if (centered != 0)
        {
            float va = alpha * avg[i] + keep * vg;
            avg[i] = va;
            d = MathF.Sqrt(vs - va * va) + eps;
        }
        else d = MathF.Sqrt(vs) + eps;
        if (momentum > 0)
        {
            float vb = momentum * b[i] + vg / d;
            b[i] = vb;
            vp -= lr * vb;
        }
        else vp -= lr * (vg / d);
        p[i] = vp;
    }

    public static void AdaGrad(Index1D i, ArrayView<float> p, ArrayView<float> g, ArrayView<float> sum, float clr, float eps, float weightDecay)
    {
        float vp = p[i], vg = g[i];
        if (weightDecay != 0) vg += weightDecay * vp;
        float vs = sum[i] + vg * vg;
        sum[i] = vs;
        p[i] = vp - clr * (vg / (MathF.Sqrt(vs) + eps));
    }
}

/// <summary>Adam's per-step scalars, computed once on the host in double and rounded to float.</summary>
internal readonly struct AdamScalars(float decay, float l2, float b1, float c1, float b2, float c2, float stepSize, float correction2, float epsilon, int decoupled)
{
    public readonly float Decay = decay, L2 = l2, B1 = b1, C1 = c1, B2 = b2, C2 = c2, StepSize = stepSize, Correction2 = correction2, Epsilon = epsilon;
    public readonly int Decoupled = decoupled;
}
