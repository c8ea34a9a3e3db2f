using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace DeepSharp.Classic;

/// <summary>
/// A restricted Boltzmann machine with Bernoulli (binary) visible and hidden units: energy
/// E(v, h) = −bᵀv − cᵀh − vᵀWh, so p(h_j = 1 | v) = σ(c_j + vᵀW_{:,j}) and
/// p(v_i = 1 | h) = σ(b_i + W_{i,:}h). Train it with <see cref="ContrastiveDivergence"/>.
/// </summary>
/// <remarks>
/// Shapes: weights W (V, H), visible bias b (V), hidden bias c (H); batches of visible vectors
/// are (N, V) with values in [0, 1] (binary data or probabilities), hidden ones (N, H).
/// The parameter tensors are the live ones: training updates them in place, and writing into
/// them (e.g. <c>Weights.CopyFrom(...)</c>) changes the machine.
/// </remarks>
public sealed class RestrictedBoltzmannMachine
{
    /// <summary>Creates a machine with weights drawn from N(0, <paramref name="initStd"/>²) and zero biases.</summary>
    /// <param name="visible">Number of visible units V.</param>
    /// <param name="hidden">Number of hidden units H.</param>
    /// <param name="rng">Draws the initial weights.</param>
    /// <param name="initStd">Standard deviation of the initial weights (Hinton suggests 0.01).</param>
    public RestrictedBoltzmannMachine(int visible, int hidden, RandomGenerator rng, double initStd = 0.01)
    {
        Visible = Check.Positive(visible, nameof(visible));
        Hidden = Check.Positive(hidden, nameof(hidden));
        ArgumentNullException.ThrowIfNull(rng);
        Check.NonNegative(initStd, nameof(initStd));
        Weights = Tensor.Randn([visible, hidden], rng, DType.Float32, 0, initStd);
        VisibleBias = Tensor.Zeros(visible);
        HiddenBias = Tensor.Zeros(hidden);
    }

    /// <summary>Number of visible units V.</summary>
    public int Visible { get; }

    /// <summary>Number of hidden units H.</summary>
    public int Hidden { get; }

    /// <summary>The weights W, <c>(V, H)</c> Float32 (live).</summary>
    public Tensor Weights { get; }

    /// <summary>The visible biases b, <c>(V)</c> Float32 (live).</summary>
    public Tensor VisibleBias { get; }

    /// <summary>The hidden biases c, <c>(H)</c> Float32 (live).</summary>
    public Tensor HiddenBias { get; }

    /// <summary>p(h = 1 | v) for each row: σ(v W + c).</summary>
    /// <remarks><c>visible (N, V) -> (N, H)</c>.</remarks>
    public Tensor HiddenProbabilities(Tensor visible)
    {
        var (v, n, _) = Check.Matrix(visible, $"{this}.HiddenProbabilities", Visible);
        var ph = new float[checked(n * Hidden)];
        HiddenProbabilities(v, n, ph);
        return Tensor.Wrap(ph, n, Hidden);
    }

    /// <summary>p(v = 1 | h) for each row: σ(h Wᵀ + b).</summary>
    /// <remarks><c>hidden (N, H) -> (N, V)</c>.</remarks>
    public Tensor VisibleProbabilities(Tensor hidden)
    {
        var (h, n, _) = Check.Matrix(hidden, $"{this}.VisibleProbabilities", Hidden);
        var pv = new float[checked(n * Visible)];
        VisibleProbabilities(h, n, pv);
        return Tensor.Wrap(pv, n, Visible);
    }

    /// <summary>Binary hidden states drawn from p(h | v).</summary>
    /// <remarks><c>visible (N, V) -> (N, H)</c> of 0 and 1.</remarks>
    public Tensor SampleHidden(Tensor visible, RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var ph = HiddenProbabilities(visible);
        Bernoulli(ph.AsSpan<float>(), rng.NextSingle);
        return ph;
    }

    /// <summary>Binary visible states drawn from p(v | h).</summary>
    /// <remarks><c>hidden (N, H) -> (N, V)</c> of 0 and 1.</remarks>
    public Tensor SampleVisible(Tensor hidden, RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pv = VisibleProbabilities(hidden);
        Bernoulli(pv.AsSpan<float>(), rng.NextSingle);
        return pv;
    }

    /// <summary>Runs <paramref name="steps"/> steps of block Gibbs sampling v → h → v from each row
    /// and returns the final binary visible states.</summary>
    /// <remarks><c>visible (N, V) -> (N, V)</c>.</remarks>
    public Tensor Gibbs(Tensor visible, int steps, RandomGenerator rng)
    {
        Check.Positive(steps, nameof(steps));
        var v = visible;
        for (int s = 0; s < steps; s++) v = SampleVisible(SampleHidden(v, rng), rng);
        return v;
    }

    /// <summary>The deterministic reconstruction p(v | h = p(h | v)).</summary>
    /// <remarks><c>visible (N, V) -> (N, V)</c> in (0, 1).</remarks>
    public Tensor Reconstruct(Tensor visible) => VisibleProbabilities(HiddenProbabilities(visible));

    /// <summary>Mean squared difference per element between <paramref name="visible"/> and its <see cref="Reconstruct"/>ion.</summary>
    public double ReconstructionError(Tensor visible)
    {
        var (v, n, _) = Check.Matrix(visible, $"{this}.ReconstructionError", Visible);
        return ReconstructionError(v, n);
    }

    /// <summary>The free energy F(v) = −bᵀv − Σ_j log(1 + exp(c_j + vᵀW_{:,j})), so that
    /// p(v) ∝ exp(−F(v)) = Σ_h exp(−E(v, h)).</summary>
    /// <remarks><c>visible (N, V) -> (N)</c>, Float64.</remarks>
    public Tensor FreeEnergy(Tensor visible)
    {
        var (v, n, _) = Check.Matrix(visible, $"{this}.FreeEnergy", Visible);
        var pre = new float[checked(n * Hidden)];
        HiddenPreActivations(v, n, pre);
        ReadOnlySpan<float> b = VisibleBias.AsSpan<float>();
        var result = new double[n];
        for (int r = 0; r < n; r++)
        {
            double f = 0;
            ReadOnlySpan<float> row = v.AsSpan(r * Visible, Visible);
            for (int i = 0; i < Visible; i++) f -= (double)b[i] * row[i];
            foreach (float x in pre.AsSpan(r * Hidden, Hidden)) f -= Softplus(x);
            result[r] = f;
        }
        return Tensor.Wrap(result, n);
    }

    /// <summary>The energy E(v, h) = −bᵀv − cᵀh − vᵀWh of one joint configuration.</summary>
    public double Energy(ReadOnlySpan<float> visible, ReadOnlySpan<float> hidden)
    {
        if (visible.Length != Visible || hidden.Length != Hidden)
            throw new ArgumentException($"{this}.Energy: expected {Visible} visible and {Hidden} hidden values, got {visible.Length} and {hidden.Length}.");
        ReadOnlySpan<float> w = Weights.AsSpan<float>(), b = VisibleBias.AsSpan<float>(), c = HiddenBias.AsSpan<float>();
        double e = 0;
        for (int i = 0; i < Visible; i++)
        {
            e -= (double)b[i] * visible[i];
            for (int j = 0; j < Hidden; j++) e -= (double)visible[i] * w[i * Hidden + j] * hidden[j];
        }
        for (int j = 0; j < Hidden; j++) e -= (double)c[j] * hidden[j];
        return e;
    }

    /// <summary>Describes the machine, e.g. <c>RBM(784 visible, 256 hidden)</c>.</summary>
    public override string ToString() => $"RBM({Visible} visible, {Hidden} hidden)";

    // v (n, V) -> pre (n, H) = v W + c
    internal void HiddenPreActivations(ReadOnlySpan<float> v, int n, Span<float> pre)
    {
        ReadOnlySpan<float> c = HiddenBias.AsSpan<float>();
        for (int r = 0; r < n; r++) c.CopyTo(pre.Slice(r * Hidden, Hidden));
        Gemm.Sgemm(false, false, n, Hidden, Visible, 1f, v, Visible, Weights.AsSpan<float>(), Hidden, 1f, pre, Hidden);
    }

    // v (n, V) -> ph (n, H)
    internal void HiddenProbabilities(ReadOnlySpan<float> v, int n, Span<float> ph)
    {
        Span<float> dst = ph[..(n * Hidden)];
        HiddenPreActivations(v, n, dst);
        TensorPrimitives.Sigmoid(dst, dst);
    }

    // h (n, H) -> pv (n, V) = σ(h Wᵀ + b)
    internal void VisibleProbabilities(ReadOnlySpan<float> h, int n, Span<float> pv)
    {
        Span<float> dst = pv[..(n * Visible)];
        ReadOnlySpan<float> b = VisibleBias.AsSpan<float>();
        for (int r = 0; r < n; r++) b.CopyTo(dst.Slice(r * Visible, Visible));
        Gemm.Sgemm(false, true, n, Visible, Hidden, 1f, h, Hidden, Weights.AsSpan<float>(), Hidden, 1f, dst, Visible);
        TensorPrimitives.Sigmoid(dst, dst);
    }

    internal double ReconstructionError(ReadOnlySpan<float> v, int n)
    {
        var ph = new float[checked(n * Hidden)];
        var pv = new float[checked(n * Visible)];
        HiddenProbabilities(v, n, ph);
        VisibleProbabilities(ph, n, pv);
        double sum = 0;
        for (int i = 0; i < pv.Length; i++)
        {
            double d = v[i] - pv[i];
            sum += d * d;
        }
        return pv.Length == 0 ? 0 : sum / pv.Length;
    }

    /// <summary>Replaces each probability p by a binary sample: 1 when the next uniform draw u satisfies u &lt; p.</summary>
    internal static void Bernoulli(Span<float> p, Func<float> uniform)
    {
        for (int i = 0; i < p.Length; i++) p[i] = uniform() < p[i] ? 1f : 0f;
    }

    /// <summary>log(1 + eˣ) without overflow.</summary>
    internal static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
}
