using DeepSharp.Backends;
using DeepSharp.Tensors;

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
        var (v, _, _) = Check.FloatMatrix(visible, $"{this}.HiddenProbabilities", Visible);
        return HiddenProbabilitiesOf(v);
    }

    /// <summary>p(v = 1 | h) for each row: σ(h Wᵀ + b).</summary>
    /// <remarks><c>hidden (N, H) -> (N, V)</c>.</remarks>
    public Tensor VisibleProbabilities(Tensor hidden)
    {
        var (h, _, _) = Check.FloatMatrix(hidden, $"{this}.VisibleProbabilities", Hidden);
        return VisibleProbabilitiesOf(h);
    }

    /// <summary>Binary hidden states drawn from p(h | v).</summary>
    /// <remarks><c>visible (N, V) -> (N, H)</c> of 0 and 1.</remarks>
    public Tensor SampleHidden(Tensor visible, RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var ph = HiddenProbabilities(visible);
        return Bernoulli(ph, Tensor.Rand(ph.ShapeArray, rng));
    }

    /// <summary>Binary visible states drawn from p(v | h).</summary>
    /// <remarks><c>hidden (N, H) -> (N, V)</c> of 0 and 1.</remarks>
    public Tensor SampleVisible(Tensor hidden, RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pv = VisibleProbabilities(hidden);
        return Bernoulli(pv, Tensor.Rand(pv.ShapeArray, rng));
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
        var (v, _, _) = Check.FloatMatrix(visible, $"{this}.ReconstructionError", Visible);
        return ReconstructionErrorOf(v, VisibleProbabilitiesOf(HiddenProbabilitiesOf(v)));
    }

    /// <summary>The free energy F(v) = −bᵀv − Σ_j log(1 + exp(c_j + vᵀW_{:,j})), so that
    /// p(v) ∝ exp(−F(v)) = Σ_h exp(−E(v, h)).</summary>
    /// <remarks><c>visible (N, V) -> (N)</c>, Float64.</remarks>
    public Tensor FreeEnergy(Tensor visible)
    {
        var (v, _, _) = Check.FloatMatrix(visible, $"{this}.FreeEnergy", Visible);
        var pre = HiddenPreActivations(v).To(DType.Float64);
        // softplus(x) = max(x, 0) + log(1 + e^−|x|), without overflow
        var softplus = pre.Maximum(0) + (1 + (-pre.Abs()).Exp()).Log();
        var visibleTerm = v.To(DType.Float64).MatMul(VisibleBias.To(DType.Float64));
        return -visibleTerm - softplus.Sum(1);
    }

    /// <summary>The energy E(v, h) = −bᵀv − cᵀh − vᵀWh of one joint configuration.</summary>
    public double Energy(ReadOnlySpan<float> visible, ReadOnlySpan<float> hidden)
    {
        if (visible.Length != Visible || hidden.Length != Hidden)
            throw new ArgumentException($"{this}.Energy: expected {Visible} visible and {Hidden} hidden values, got {visible.Length} and {hidden.Length}.");
        var v = Tensor.FromSpan(visible, Visible).To(DType.Float64);
        var h = Tensor.FromSpan(hidden, Hidden).To(DType.Float64);
        var interaction = v.MatMul(Weights.To(DType.Float64)).MatMul(h);
        var e = -VisibleBias.To(DType.Float64).MatMul(v) - HiddenBias.To(DType.Float64).MatMul(h) - interaction;
        return e.Item();
    }

    /// <summary>Describes the machine, e.g. <c>RBM(784 visible, 256 hidden)</c>.</summary>
    public override string ToString() => $"RBM({Visible} visible, {Hidden} hidden)";

    // v (n, V) Float32 -> v W + c (n, H)
    private Tensor HiddenPreActivations(Tensor v) => v.MatMul(Weights) + HiddenBias;

    // v (n, V) Float32 -> p(h | v) (n, H)
    internal Tensor HiddenProbabilitiesOf(Tensor v) => HiddenPreActivations(v).Sigmoid();

    // h (n, H) Float32 -> p(v | h) = σ(h Wᵀ + b) (n, V)
    internal Tensor VisibleProbabilitiesOf(Tensor h) => (h.MatMul(Weights.T) + VisibleBias).Sigmoid();

    // mean over all elements of (v − reconstruction)², accumulated in double
    internal static double ReconstructionErrorOf(Tensor v, Tensor reconstruction) =>
        v.Numel == 0 ? 0 : (v.To(DType.Float64) - reconstruction.To(DType.Float64)).Square().Mean().Item();

    /// <summary>A binary sample of each probability p: 1 where the uniform draw u satisfies u &lt; p, else 0.</summary>
    internal static Tensor Bernoulli(Tensor probabilities, Tensor uniforms) => uniforms.Lt(probabilities);
}
