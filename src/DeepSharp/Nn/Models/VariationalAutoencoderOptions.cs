namespace DeepSharp.Nn;

/// <summary>The shape of a <see cref="VariationalAutoencoder"/>. Invalid values throw
/// <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record VariationalAutoencoderOptions
{
    /// <summary>Features per input vector (784 for 28x28 images). Default 784.</summary>
    public int InputSize
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(InputSize), value, $"{nameof(InputSize)} must be positive, got {value}.");
    } = 784;

    /// <summary>Widths of the encoder's hidden ReLU layers, input side first (the decoder mirrors them). Default [400] (Kingma and Welling's MNIST network had 500).</summary>
    public IReadOnlyList<int> HiddenSizes
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(HiddenSizes));
            if (value.Any(s => s < 1))
                throw new ArgumentOutOfRangeException(nameof(HiddenSizes), $"{nameof(HiddenSizes)} must hold positive widths, got [{string.Join(", ", value)}].");
            field = [.. value];
        }
    } = [400];

    /// <summary>Dimension of the latent z. Default 2 (a latent space one can plot).</summary>
    public int LatentSize
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LatentSize), value, $"{nameof(LatentSize)} must be positive, got {value}.");
    } = 2;

    /// <summary>The decoder's distribution. Default Bernoulli.</summary>
    public VaeLikelihood Likelihood
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Likelihood), value, $"Unknown {nameof(Likelihood)} {value}.");
    } = VaeLikelihood.Bernoulli;

    /// <summary>σ of the Gaussian decoder, &gt; 0. Default 0.1.</summary>
    public double GaussianStd
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(GaussianStd), value, $"{nameof(GaussianStd)} must be a finite positive number, got {value}.");
    } = 0.1;

    /// <summary>Weight β of the KL term (1 is the ELBO; β-VAE otherwise), ≥ 0. Default 1.</summary>
    public double KlWeight
    {
        get;
        init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(KlWeight), value, $"{nameof(KlWeight)} must be finite and ≥ 0, got {value}.");
    } = 1;
}
