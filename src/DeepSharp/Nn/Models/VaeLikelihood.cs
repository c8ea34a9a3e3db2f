namespace DeepSharp.Nn;

/// <summary>The decoder's distribution p(x | z) in a <see cref="VariationalAutoencoder"/>.</summary>
public enum VaeLikelihood
{
    /// <summary>Independent Bernoulli pixels: the decoder outputs logits; reconstruction cost is the
    /// summed binary cross-entropy (for data in [0, 1], e.g. pixel intensities).</summary>
    Bernoulli,

    /// <summary>Independent Gaussians N(μ(z), σ²) with the fixed <see cref="VariationalAutoencoderOptions.GaussianStd"/>:
    /// the decoder outputs μ; reconstruction cost is Σ (x − μ)² / (2σ²) + D·log(σ√(2π)).</summary>
    Gaussian,
}
