using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>The input corruption of a denoising autoencoder (Vincent et al. 2008): the model sees
/// the corrupted input and is trained to reproduce the clean one.</summary>
public sealed record AutoencoderNoise
{
    /// <summary>Creates a corruption of the given kind and level.</summary>
    /// <param name="kind">Gaussian, masking, or none.</param>
    /// <param name="level">Standard deviation (Gaussian, ≥ 0) or masking probability (in [0, 1)); ignored for None.</param>
    public AutoencoderNoise(AutoencoderNoiseKind kind, double level)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, $"kind must be None, Gaussian or Masking, got {kind}.");
        bool valid = kind switch
        {
            AutoencoderNoiseKind.Gaussian => level >= 0 && double.IsFinite(level),
            AutoencoderNoiseKind.Masking => level >= 0 && level < 1,
            _ => true,
        };
        if (!valid)
            throw new ArgumentOutOfRangeException(nameof(level), level,
                kind == AutoencoderNoiseKind.Gaussian ? $"Gaussian noise needs a finite standard deviation >= 0, got {level}." : $"Masking noise needs a probability in [0, 1), got {level}.");
        Kind = kind;
        Level = kind == AutoencoderNoiseKind.None ? 0 : level;
    }

    /// <summary>No corruption.</summary>
    public static AutoencoderNoise None { get; } = new(AutoencoderNoiseKind.None, 0);

    /// <summary>Additive N(0, std²) noise, clamped to [0, 1].</summary>
    public static AutoencoderNoise Gaussian(double std) => new(AutoencoderNoiseKind.Gaussian, std);

    /// <summary>Each element zeroed with probability <paramref name="probability"/>.</summary>
    public static AutoencoderNoise Masking(double probability) => new(AutoencoderNoiseKind.Masking, probability);

    /// <summary>The kind of corruption.</summary>
    public AutoencoderNoiseKind Kind { get; }

    /// <summary>Standard deviation or masking probability.</summary>
    public double Level { get; }

    /// <summary>A corrupted copy of <paramref name="clean"/> (not recorded in the graph); <paramref name="clean"/> itself for None.</summary>
    public Tensor Apply(Tensor clean, RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(rng);
        using var _ = GradMode.NoGrad();
        return Kind switch
        {
            AutoencoderNoiseKind.Gaussian => (clean + Tensor.Randn(clean.ShapeArray, rng, clean.DType, 0, Level)).Clamp(0, 1),
            AutoencoderNoiseKind.Masking => clean * Tensor.Rand(clean.ShapeArray, rng, clean.DType).Ge(Level).To(clean.DType),
            _ => clean,
        };
    }

    /// <summary>E.g. <c>Gaussian(0.3)</c>, <c>Masking(0.25)</c> or <c>None</c>.</summary>
    public override string ToString() => Kind == AutoencoderNoiseKind.None ? "None" : FormattableString.Invariant($"{Kind}({Level})");
}
