using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling, "Auto-Encoding Variational Bayes"): the encoder
/// maps x to the mean and log-variance of a Gaussian q(z | x); a latent z = μ + σ ⊙ ε (ε ~ N(0, I),
/// the reparameterization trick) is decoded to the parameters of p(x | z) (Bernoulli logits or
/// Gaussian means). Training maximizes the evidence lower bound
/// ELBO = E_q[log p(x | z)] − KL(q(z | x) ‖ N(0, I)); <see cref="Loss"/> returns −ELBO per example.
/// </summary>
/// <remarks>
/// <c>input (N, D) -> mean, logVariance (N, K) -> z (N, K) -> decoder output (N, D)</c>. Encoder:
/// Linear + ReLU per hidden width, then two Linear heads (μ and log σ²); the decoder mirrors it.
/// <see cref="Forward"/> returns the decoder's raw output (logits for Bernoulli) and keeps the
/// last μ and log σ², so <see cref="ElboLoss"/> fits a trainer's loss delegate:
/// <c>Trainer.Fit(vae, vae.ElboLoss, optimizer, new DataLoader(new TensorDataset(x, x), 128, shuffle: true))</c>.
/// In training mode z is sampled; in evaluation mode z = μ.
/// </remarks>
public sealed class VariationalAutoencoder : Module, IOwnsGenerator
{
    private readonly RandomGenerator _rng;

    /// <summary>Builds the model and initialises it from <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null);
    /// the latent noise is drawn from a generator forked from it.</summary>
    public VariationalAutoencoder(VariationalAutoencoderOptions? options = null, RandomGenerator? rng = null)
    {
        Options = options ?? new VariationalAutoencoderOptions();
        rng ??= RandomGenerator.Default;
        _rng = rng.Fork();
        int[] widths = [Options.InputSize, .. Options.HiddenSizes];
        var encoder = new Sequential();
        for (int i = 0; i + 1 < widths.Length; i++) { encoder.Add(new Linear(widths[i], widths[i + 1], rng: rng)); encoder.Add(new Relu()); }
        Encoder = RegisterModule("encoder", encoder);
        MeanHead = RegisterModule("mean", new Linear(widths[^1], Options.LatentSize, rng: rng));
        LogVarianceHead = RegisterModule("log_variance", new Linear(widths[^1], Options.LatentSize, rng: rng));
        var decoder = new Sequential();
        int[] back = [Options.LatentSize, .. Options.HiddenSizes.Reverse()];
        for (int i = 0; i + 1 < back.Length; i++) { decoder.Add(new Linear(back[i], back[i + 1], rng: rng)); decoder.Add(new Relu()); }
        decoder.Add(new Linear(back[^1], Options.InputSize, rng: rng));
        Decoder = RegisterModule("decoder", decoder);
    }

    /// <summary>The shape and likelihood.</summary>
    public VariationalAutoencoderOptions Options { get; }

    /// <summary>Input to the shared hidden representation (empty when there are no hidden layers).</summary>
    public Sequential Encoder { get; }

    /// <summary>Hidden representation to μ.</summary>
    public Linear MeanHead { get; }

    /// <summary>Hidden representation to log σ².</summary>
    public Linear LogVarianceHead { get; }

    /// <summary>z to the decoder's output (logits or means), with no final activation.</summary>
    public Sequential Decoder { get; }

    /// <summary>μ of the most recent <see cref="Forward"/>, or null before the first.</summary>
    public Tensor? LastMean { get; private set; }

    /// <summary>log σ² of the most recent <see cref="Forward"/>, or null before the first.</summary>
    public Tensor? LastLogVariance { get; private set; }

    RandomGenerator? IOwnsGenerator.Generator => _rng;

    /// <summary>q(z | x): μ and log σ², each (N, K).</summary>
    public (Tensor Mean, Tensor LogVariance) Encode(Tensor input)
    {
        if (input.Rank != 2 || input.Size(1) != Options.InputSize)
            throw new ShapeMismatchException($"{this} expected input (N, {Options.InputSize}), got ({string.Join(", ", input.ShapeArray)}).");
        var h = Encoder.Forward(input);
        return (MeanHead.Forward(h), LogVarianceHead.Forward(h));
    }

    /// <summary>The decoder's raw output for latents (N, K): logits (Bernoulli) or means (Gaussian), (N, D).</summary>
    public Tensor Decode(Tensor latent)
    {
        if (latent.Rank != 2 || latent.Size(1) != Options.LatentSize)
            throw new ShapeMismatchException($"{this} expected latents (N, {Options.LatentSize}), got ({string.Join(", ", latent.ShapeArray)}).");
        return Decoder.Forward(latent);
    }

    /// <summary>The mean of p(x | z): σ(logits) for Bernoulli (in (0, 1)), μ for Gaussian; (N, D).</summary>
    public Tensor DecodeMean(Tensor latent)
    {
        var output = Decode(latent);
        return Options.Likelihood == VaeLikelihood.Bernoulli ? output.Sigmoid() : output;
    }

    /// <summary>Encodes, draws z (training mode) or takes z = μ (evaluation), and returns the decoder's raw output (N, D).</summary>
    public override Tensor Forward(Tensor input)
    {
        var (mean, logVariance) = Encode(input);
        (LastMean, LastLogVariance) = (mean, logVariance);
        var z = IsTraining ? Functional.Reparameterize(mean, logVariance, Tensor.Randn(mean.ShapeArray, _rng, mean.DType)) : mean;
        return Decode(z);
    }

    /// <summary>−ELBO per example for the decoder output of the last <see cref="Forward"/> against
    /// <paramref name="target"/> (the input): reconstruction + β·KL. Fits a trainer's loss delegate.</summary>
    /// <exception cref="InvalidOperationException">No forward pass has run.</exception>
    public Tensor ElboLoss(Tensor output, Tensor target) => Terms(output, target).Total;

    /// <summary>Runs <see cref="Forward"/> on <paramref name="input"/> and returns the loss terms against the same input.</summary>
    public VaeLoss Loss(Tensor input) => Terms(Forward(input), input);

    /// <summary>Decodes <paramref name="count"/> latents z ~ N(0, I) to the means of p(x | z): new examples, (count, D).</summary>
    public Tensor Sample(int count, RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return DecodeMean(Tensor.Randn([count, Options.LatentSize], rng, MeanHead.Weight.DType));
    }

    /// <summary>E.g. <c>VariationalAutoencoder(784-400-2, Bernoulli)</c>.</summary>
    public override string ToString() =>
        $"VariationalAutoencoder({string.Join("-", new[] { Options.InputSize }.Concat(Options.HiddenSizes).Append(Options.LatentSize))}, {Options.Likelihood})";

    private VaeLoss Terms(Tensor output, Tensor target)
    {
        if (LastMean is not { } mean || LastLogVariance is not { } logVariance)
            throw new InvalidOperationException($"{this}: the ELBO needs the mean and log-variance of a forward pass; call Forward first.");
        int n = output.Size(0);
        var reconstruction = Options.Likelihood == VaeLikelihood.Bernoulli
            ? Functional.BinaryCrossEntropyWithLogits(output, target, Reduction.Sum) * (1.0 / n)
            : (output - target).Square().Sum() * (1.0 / (2 * Options.GaussianStd * Options.GaussianStd * n))
                + Options.InputSize * Math.Log(Options.GaussianStd * Math.Sqrt(2 * Math.PI));
        var kl = Functional.GaussianKlDivergence(mean, logVariance);
        return new VaeLoss(reconstruction + kl * Options.KlWeight, reconstruction, kl);
    }
}
