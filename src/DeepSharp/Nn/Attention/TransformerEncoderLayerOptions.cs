namespace DeepSharp.Nn;

/// <summary>The options of <see cref="TransformerEncoderLayer"/>, PyTorch's defaults.</summary>
/// <param name="DModel">Model width E (at least 1, divisible by <paramref name="NumHeads"/>).</param>
/// <param name="NumHeads">Attention heads.</param>
/// <param name="DimFeedforward">Hidden width of the feed-forward block.</param>
/// <param name="Dropout">Dropout after attention, inside and after the feed-forward block, in [0, 1).</param>
/// <param name="Activation">The feed-forward activation.</param>
/// <param name="LayerNormEps">eps of both layer norms.</param>
/// <param name="BatchFirst">Inputs are (N, L, E) instead of (L, N, E).</param>
/// <param name="NormFirst">Pre-norm (x + f(norm(x))) instead of post-norm (norm(x + f(x))).</param>
public sealed record TransformerEncoderLayerOptions(int DModel, int NumHeads, int DimFeedforward = 2048, double Dropout = 0.1,
    TransformerActivation Activation = TransformerActivation.Relu, double LayerNormEps = 1e-5, bool BatchFirst = false, bool NormFirst = false)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (DModel < 1) throw new ArgumentOutOfRangeException(nameof(DModel), DModel, "TransformerEncoderLayer: DModel must be at least 1.");
        if (NumHeads < 1 || DModel % NumHeads != 0)
            throw new ArgumentOutOfRangeException(nameof(NumHeads), NumHeads, $"TransformerEncoderLayer: NumHeads must be at least 1 and divide DModel ({DModel}).");
        if (DimFeedforward < 1) throw new ArgumentOutOfRangeException(nameof(DimFeedforward), DimFeedforward, "TransformerEncoderLayer: DimFeedforward must be at least 1.");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "TransformerEncoderLayer: Dropout must be in [0, 1).");
        if (!Enum.IsDefined(Activation)) throw new ArgumentOutOfRangeException(nameof(Activation), Activation, "TransformerEncoderLayer: unknown activation.");
        if (!(LayerNormEps > 0)) throw new ArgumentOutOfRangeException(nameof(LayerNormEps), LayerNormEps, "TransformerEncoderLayer: LayerNormEps must be positive.");
    }
}
