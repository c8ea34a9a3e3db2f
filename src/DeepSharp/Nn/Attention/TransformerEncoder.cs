using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>A stack of <see cref="TransformerEncoderLayer"/>s with an optional final norm
/// (PyTorch's <c>nn.TransformerEncoder</c>; members <c>layers.0</c>, ..., <c>norm</c>).</summary>
/// <remarks>input (N, L, E) batch-first, else (L, N, E) -> output of the same shape.</remarks>
public sealed class TransformerEncoder : Module
{
    [NotAMember] private readonly List<TransformerEncoderLayer> _layers;

    /// <summary>Creates <paramref name="numLayers"/> layers of the same options, each initialized in turn.</summary>
    /// <param name="options">The options of every layer.</param>
    /// <param name="numLayers">Layers (at least 1).</param>
    /// <param name="finalNorm">Add a LayerNorm after the last layer (usual with pre-norm layers).</param>
    /// <param name="rng">Initial weights; <see cref="RandomGenerator.Default"/> when null.</param>
    public TransformerEncoder(TransformerEncoderLayerOptions options, int numLayers, bool finalNorm = false, RandomGenerator? rng = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (numLayers < 1) throw new ArgumentOutOfRangeException(nameof(numLayers), numLayers, "TransformerEncoder: numLayers must be at least 1.");
        rng ??= RandomGenerator.Default;
        _layers = [.. Enumerable.Range(0, numLayers).Select(_ => new TransformerEncoderLayer(options, rng))];
        RegisterModule("layers", new ModuleList(_layers));
        if (finalNorm) Norm = RegisterModule("norm", new LayerNorm(options.DModel, options.LayerNormEps));
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<TransformerEncoderLayer> Layers => _layers;

    /// <summary>The final norm, or null.</summary>
    public LayerNorm? Norm { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Forward(input, null, null);

    /// <summary>Runs every layer with the same masks, then the final norm.</summary>
    /// <param name="input">(N, L, E) batch-first, else (L, N, E).</param>
    /// <param name="attentionMask">Additive (L, L) mask or null.</param>
    /// <param name="keyPaddingMask">(N, L), non-zero at padded positions; or null.</param>
    public Tensor Forward(Tensor input, Tensor? attentionMask, Tensor? keyPaddingMask)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x, attentionMask, keyPaddingMask);
        return Norm?.Forward(x) ?? x;
    }
}
