using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
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
    private readonly Func<float> _uniform;
    private readonly float[] _velocityW, _velocityB, _velocityC, _gradW;
    private float[]? _chains; // persistent negative visible states (BatchSize, V)
    private float[]? _p0, _hNeg, _pNeg, _vNeg, _reconstruction; // work arrays, reused across steps

    /// <summary>Creates a trainer for <paramref name="machine"/>.</summary>
    /// <param name="machine">The machine to train (updated in place).</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="rng">Draws the Gibbs samples and the epoch order; <see cref="RandomGenerator.Default"/> when null.</param>
    public ContrastiveDivergence(RestrictedBoltzmannMachine machine, RbmTrainingOptions? options = null, RandomGenerator? rng = null)
        : this(machine, options, rng ?? RandomGenerator.Default, null) { }

    /// <summary>Test seam: the Bernoulli draws come from <paramref name="uniform"/> instead of the generator.</summary>
    internal ContrastiveDivergence(RestrictedBoltzmannMachine machine, RbmTrainingOptions? options, RandomGenerator rng, Func<float>? uniform)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _rbm = machine;
        Options = options ?? new RbmTrainingOptions();
        _rng = rng;
        _uniform = uniform ?? rng.NextSingle;
        _velocityW = new float[machine.Visible * machine.Hidden];
        _gradW = new float[machine.Visible * machine.Hidden];
        _velocityB = new float[machine.Visible];
        _velocityC = new float[machine.Hidden];
    }

    /// <summary>The machine being trained.</summary>
    public RestrictedBoltzmannMachine Machine => _rbm;

    /// <summary>The settings.</summary>
    public RbmTrainingOptions Options { get; }

    /// <summary>A copy of the persistent chains' visible states <c>(BatchSize, V)</c>, or null before the first persistent update.</summary>
    public Tensor? PersistentChains => _chains is null ? null : Tensor.FromArray(_chains, Options.BatchSize, _rbm.Visible);

    /// <summary>One parameter update from <paramref name="batch"/> <c>(B, V)</c>, values in [0, 1].</summary>
    /// <returns>The batch's reconstruction error before the update (see <see cref="RestrictedBoltzmannMachine.ReconstructionError(Tensor)"/>).</returns>
    public double Step(Tensor batch)
    {
        var (v, n, _) = Check.Matrix(batch, $"{_rbm}: CD step", _rbm.Visible);
        CheckUnitRange(v, "CD step");
        return StepCore(v, n);
    }

    /// <summary>Trains for <see cref="RbmTrainingOptions.Epochs"/> epochs over the rows of <paramref name="data"/> <c>(N, V)</c>.</summary>
    /// <param name="data">Training vectors, values in [0, 1].</param>
    /// <param name="onEpoch">Called after each epoch with its number (from 1) and mean reconstruction error.</param>
    /// <returns>The mean reconstruction error of each epoch (averaged over its batches, before each update).</returns>
    public IReadOnlyList<double> Fit(Tensor data, Action<int, double>? onEpoch = null)
    {
        var (x, n, d) = Check.Matrix(data, $"{_rbm}: CD fit", _rbm.Visible);
        CheckUnitRange(x, "CD fit");
        int bs = Options.BatchSize;
        var batch = new float[bs * d];
        var order = Enumerable.Range(0, n).ToArray();
        var errors = new List<double>();
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            if (Options.Shuffle) _rng.Shuffle(order.AsSpan());
            double sum = 0;
            for (int start = 0; start < n; start += bs)
            {
                int rows = Math.Min(bs, n - start);
                for (int r = 0; r < rows; r++)
                    x.AsSpan(order[start + r] * d, d).CopyTo(batch.AsSpan(r * d, d));
                sum += StepCore(batch, rows) * rows;
            }
            double error = sum / n;
            errors.Add(error);
            onEpoch?.Invoke(epoch, error);
        }
        return errors;
    }

    private double StepCore(float[] v0, int b)
    {
        int nv = _rbm.Visible, nh = _rbm.Hidden, k = Options.CdSteps;
        bool stochastic = Options.Sampling == RbmSampling.Stochastic;
        int c = Options.Persistent ? Options.BatchSize : b;
        int rows = Math.Max(b, c);
        float[] p0 = Buffer(ref _p0, b * nh), hNeg = Buffer(ref _hNeg, rows * nh), pNeg = Buffer(ref _pNeg, rows * nh);
        float[] reconstruction = Buffer(ref _reconstruction, b * nv);

        // Positive phase, and the reconstruction error p(v | p(h | v⁰)) before the update.
        _rbm.HiddenProbabilities(v0, b, p0);
        _rbm.VisibleProbabilities(p0, b, reconstruction);
        double squared = 0;
        for (int i = 0; i < b * nv; i++)
        {
            double d = v0[i] - reconstruction[i];
            squared += d * d;
        }

        // The negative chain: C rows of visible states vNeg and hidden states hNeg.
        float[] vNeg;
        if (Options.Persistent)
        {
            if (_chains is null)
            {
                _chains = new float[c * nv];
                for (int r = 0; r < c; r++) v0.AsSpan((r % b) * nv, nv).CopyTo(_chains.AsSpan(r * nv, nv));
            }
            vNeg = _chains;
            _rbm.HiddenProbabilities(vNeg, c, hNeg);
        }
        else
        {
            vNeg = Buffer(ref _vNeg, b * nv);
            v0.AsSpan(0, b * nv).CopyTo(vNeg);
            p0.AsSpan(0, b * nh).CopyTo(hNeg);
        }
        for (int step = 0; step < k; step++)
        {
            Span<float> h = hNeg.AsSpan(0, c * nh);
            if (stochastic) RestrictedBoltzmannMachine.Bernoulli(h, _uniform);
            _rbm.VisibleProbabilities(h, c, vNeg);
            if (stochastic) RestrictedBoltzmannMachine.Bernoulli(vNeg.AsSpan(0, c * nv), _uniform);
            _rbm.HiddenProbabilities(vNeg, c, pNeg);
            pNeg.AsSpan(0, c * nh).CopyTo(hNeg);
        }

        // ∇W = v⁰ᵀp⁰ / B − vᵏᵀpᵏ / C − λW
        Gemm.Sgemm(true, false, nv, nh, b, 1f / b, v0, nv, p0, nh, 0f, _gradW, nh);
        Gemm.Sgemm(true, false, nv, nh, c, -1f / c, vNeg, nv, pNeg, nh, 1f, _gradW, nh);
        Span<float> w = _rbm.Weights.AsSpan<float>();
        float eta = Options.LearningRate, mu = Options.Momentum, lambda = Options.WeightDecay;
        for (int i = 0; i < w.Length; i++)
        {
            _velocityW[i] = mu * _velocityW[i] + eta * (_gradW[i] - lambda * w[i]);
            w[i] += _velocityW[i];
        }
        UpdateBias(_rbm.VisibleBias.AsSpan<float>(), _velocityB, v0, b, vNeg, c);
        UpdateBias(_rbm.HiddenBias.AsSpan<float>(), _velocityC, p0, b, pNeg, c);
        return squared / (b * nv);
    }

    /// <summary>A reusable work array of at least <paramref name="length"/> elements.</summary>
    private static float[] Buffer(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new float[length];
        return buffer;
    }

    // bias += velocity ← μ velocity + η (mean of positive rows − mean of negative rows)
    private void UpdateBias(Span<float> bias, float[] velocity, float[] positive, int b, float[] negative, int c)
    {
        int width = bias.Length;
        var grad = new double[width];
        for (int r = 0; r < b; r++)
        {
            ReadOnlySpan<float> row = positive.AsSpan(r * width, width);
            for (int j = 0; j < width; j++) grad[j] += row[j] / (double)b;
        }
        for (int r = 0; r < c; r++)
        {
            ReadOnlySpan<float> row = negative.AsSpan(r * width, width);
            for (int j = 0; j < width; j++) grad[j] -= row[j] / (double)c;
        }
        for (int j = 0; j < width; j++)
        {
            velocity[j] = Options.Momentum * velocity[j] + Options.LearningRate * (float)grad[j];
            bias[j] += velocity[j];
        }
    }

    private void CheckUnitRange(float[] v, string what)
    {
        for (int i = 0; i < v.Length; i++)
            if (!(v[i] >= 0 && v[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(v), $"{_rbm}: {what} expects visible values in [0, 1]; element {i} is {v[i]}.");
    }
}
