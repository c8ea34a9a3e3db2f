namespace DeepSharp.Nn;

/// <summary>How <see cref="AutoencoderNoise"/> corrupts the input of a denoising autoencoder.</summary>
public enum AutoencoderNoiseKind
{
    /// <summary>No corruption (a plain autoencoder).</summary>
    None,

    /// <summary>Additive Gaussian noise of standard deviation Level, the result clamped to [0, 1].</summary>
    Gaussian,

    /// <summary>Masking noise: each element set to 0 with probability Level.</summary>
    Masking,
}
