using DeepSharp.Backends;
using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// Trains a <see cref="RestrictedBoltzmannMachine"/> by contrastive divergence (CD-k, Hinton 2002)
/// or persistent CD (Tieleman 2008), with optional momentum and weight decay.
/// </summary>
/// <remarks>
/// For a batch v⁰ of B rows, with p⁰ = p(h | v⁰) and a negative chain of C rows run k Gibbs
/// steps to vᵏ (C = B, started at the data, for CD; C = BatchSize persistent chains for PCD),
/// the gradient estimates are
/// ∇W = v⁰ᵀp⁰ / B − vᵏᵀp(h | vᵏ) / C − λW, ∇b = mean(v⁰) − mean(vᵏ), ∇c = mean(p⁰) − mean(p(h | vᵏ)),
/// and every parameter θ moves by velocity ← μ velocity + η ∇θ, θ ← θ + velocity.
/// In <see cref="RbmSampling.Stochastic"/> mode the chain draws, per Gibbs step, the hidden
/// states (row-major) and then the visible states from the generator's uniforms.
/// </remarks>
public sealed class ContrastiveDivergence
{
    private readonly RestrictedBoltzmannMachine _rbm;
    private readonly RandomGenerator _rng;
    private readonly Func<float>? _uniform;
    private readonly Tensor _velocityW, _velocityB, _velocityC; // (V, H), (V), (H), outside any arena
    private Tensor? _chains; // persistent negative visible states (BatchSize, V)

    /// <summary>Creates a trainer for <paramref name="machine"/>.</summary>
    /// <param name="machine">The machine to train (updated in place).</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="rng">Draws the Gibbs samples and the epoch order; <see cref="RandomGenerator.Default"/> when null.</param>
    public ContrastiveDivergence(RestrictedBoltzmannMachine machine, RbmTrainingOptions? options = null, RandomGenerator? rng = null)
        : this(machine, options, rng ?? RandomGenerator.Default, null) { }

    /// <summary>Test seam: the Bernoulli draws come from <paramref name="uniform"/> (row-major) instead of the generator.</summary>
    internal ContrastiveDivergence(RestrictedBoltzmannMachine machine, RbmTrainingOptions? options, RandomGenerator rng, Func<float>? uniform)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _rbm = machine;
        Options = options ?? new RbmTrainingOptions();
        _rng = rng;
        _uniform = uniform;
        using (TensorArena.Suspend())
        {
            _velocityW = Tensor.ZerosLike(machine.Weights);
            _velocityB = Tensor.ZerosLike(machine.VisibleBias);
            _velocityC = Tensor.ZerosLike(machine.HiddenBias);
        }
    }

    /// <summary>The machine being trained.</summary>
    public RestrictedBoltzmannMachine Machine => _rbm;

    /// <summary>The settings.</summary>
    public RbmTrainingOptions Options { get; }

    /// <summary>A copy of the persistent chains' visible states <c>(BatchSize, V)</c>, or null before the first persistent update.</summary>
    public Tensor? PersistentChains => _chains?.Clone();

    /// <summary>One parameter update from <paramref name="batch"/> <c>(B, V)</c>, values in [0, 1].</summary>
    /// <returns>The batch's reconstruction error before the update (see <see cref="RestrictedBoltzmannMachine.ReconstructionError(Tensor)"/>).</returns>
    public double Step(Tensor batch)
    {
        var (v, _, _) = Check.FloatMatrix(batch, $"{_rbm}: CD step", _rbm.Visible);
        Check.UnitRange(v, $"{_rbm}: CD step");
        return StepCore(v);
    }

    /// <summary>Trains for <see cref="RbmTrainingOptions.Epochs"/> epochs over the rows of <paramref name="data"/> <c>(N, V)</c>.</summary>
    /// <param name="data">Training vectors, values in [0, 1].</param>
    /// <param name="onEpoch">Called after each epoch with its number (from 1) and mean reconstruction error.</param>
    /// <returns>The mean reconstruction error of each epoch (averaged over its batches, before each update).</returns>
    public IReadOnlyList<double> Fit(Tensor data, Action<int, double>? onEpoch = null)
    {
        var (x, n, _) = Check.FloatMatrix(data, $"{_rbm}: CD fit", _rbm.Visible);
        Check.UnitRange(x, $"{_rbm}: CD fit");
        int bs = Options.BatchSize;
        var order = Enumerable.Range(0, n).ToArray();
        var errors = new List<double>();
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            if (Options.Shuffle) _rng.Shuffle(order.AsSpan());
            double sum = 0;
            for (int start = 0; start < n; start += bs)
            {
                int rows = Math.Min(bs, n - start);
                var batch = x.IndexSelect(0, Tensor.FromArray(order[start..(start + rows)], rows));
                sum += StepCore(batch) * rows;
            }
            double error = sum / n;
            errors.Add(error);
            onEpoch?.Invoke(epoch, error);
        }
        return errors;
    }

    private double StepCore(Tensor v0)
    {
        int b = v0.Size(0), k = Options.CdSteps;
        bool stochastic = Options.Sampling == RbmSampling.Stochastic;
        int c = Options.Persistent ? Options.BatchSize : b;

        // Positive phase, and the reconstruction error p(v | p(h | v⁰)) before the update.
        var p0 = _rbm.HiddenProbabilitiesOf(v0);
        double error = RestrictedBoltzmannMachine.ReconstructionErrorOf(v0, _rbm.VisibleProbabilitiesOf(p0));

        // The negative chain: C rows of visible states vNeg and hidden states hNeg.
        Tensor vNeg, hNeg, pNeg = p0;
        if (Options.Persistent)
        {
            if (_chains is null)
            {
                var rows = new int[c];
                for (int r = 0; r < c; r++) rows[r] = r % b;
                using (TensorArena.Suspend()) _chains = v0.IndexSelect(0, Tensor.FromArray(rows, c));
            }
            vNeg = _chains;
            hNeg = _rbm.HiddenProbabilitiesOf(vNeg);
        }
        else
        {
            vNeg = v0;
            hNeg = p0;
        }
        for (int step = 0; step < k; step++)
        {
            var h = stochastic ? RestrictedBoltzmannMachine.Bernoulli(hNeg, Uniforms(hNeg)) : hNeg;
            vNeg = _rbm.VisibleProbabilitiesOf(h);
            if (stochastic) vNeg = RestrictedBoltzmannMachine.Bernoulli(vNeg, Uniforms(vNeg));
            pNeg = _rbm.HiddenProbabilitiesOf(vNeg);
            hNeg = pNeg;
        }
        if (Options.Persistent)
            using (TensorArena.Suspend()) _chains = vNeg.Clone();

        using (GradMode.NoGrad())
        {
            // ∇W = v⁰ᵀp⁰ / B − vᵏᵀpᵏ / C − λW;  velocity ← μ velocity + η ∇θ;  θ ← θ + velocity
            var w = _rbm.Weights;
            var gradW = v0.T.MatMul(p0) * (1.0 / b) - vNeg.T.MatMul(pNeg) * (1.0 / c);
            Update(w, _velocityW, gradW - w * Options.WeightDecay);
            Update(_rbm.VisibleBias, _velocityB, v0.Mean(0) - vNeg.Mean(0));
            Update(_rbm.HiddenBias, _velocityC, p0.Mean(0) - pNeg.Mean(0));
        }
        return error;
    }

    private void Update(Tensor parameter, Tensor velocity, Tensor gradient)
    {
        velocity.MulInPlace(Options.Momentum);
        velocity.AddInPlace(gradient * Options.LearningRate);
        parameter.AddInPlace(velocity);
    }

    /// <summary>Uniform draws in [0, 1) shaped like <paramref name="like"/>, row-major: from the generator, or from the test seam.</summary>
    private Tensor Uniforms(Tensor like)
    {
        if (_uniform is null) return Tensor.Rand(like.ShapeArray, _rng);
        var draws = new float[like.Numel];
        for (int i = 0; i < draws.Length; i++) draws[i] = _uniform();
        return Tensor.FromArray(draws, like.ShapeArray);
    }
}
