using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// One Transformer encoder layer (PyTorch's <c>nn.TransformerEncoderLayer</c>, same member names:
/// <c>self_attn</c>, <c>linear1</c>, <c>dropout</c>, <c>linear2</c>, <c>norm1</c>, <c>norm2</c>,
/// <c>dropout1</c>, <c>dropout2</c>): self-attention and a feed-forward block, each with a residual
/// connection and a layer norm, after (post-norm, the default) or before (pre-norm) the block.
/// </summary>
/// <remarks>input (N, L, E) batch-first, else (L, N, E) -> output of the same shape.</remarks>
public sealed class TransformerEncoderLayer : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="options">Width, heads, feed-forward size, dropout, activation, norm placement.</param>
    /// <param name="rng">Initial weights and (forked) dropout generators; <see cref="RandomGenerator.Default"/> when null.</param>
    public TransformerEncoderLayer(TransformerEncoderLayerOptions options, RandomGenerator? rng = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        rng ??= RandomGenerator.Default;
        SelfAttention = RegisterModule("self_attn", new MultiheadAttention(options.DModel, options.NumHeads, options.Dropout, true, options.BatchFirst, rng));
        Linear1 = RegisterModule("linear1", new Linear(options.DModel, options.DimFeedforward, rng: rng));
        FeedForwardDropout = RegisterModule("dropout", new Dropout(options.Dropout, rng.Fork()));
        Linear2 = RegisterModule("linear2", new Linear(options.DimFeedforward, options.DModel, rng: rng));
        Norm1 = RegisterModule("norm1", new LayerNorm(options.DModel, options.LayerNormEps));
        Norm2 = RegisterModule("norm2", new LayerNorm(options.DModel, options.LayerNormEps));
        Dropout1 = RegisterModule("dropout1", new Dropout(options.Dropout, rng.Fork()));
        Dropout2 = RegisterModule("dropout2", new Dropout(options.Dropout, rng.Fork()));
    }

    /// <summary>The options the layer was built with.</summary>
    public TransformerEncoderLayerOptions Options { get; }

    /// <summary>The self-attention block.</summary>
    public MultiheadAttention SelfAttention { get; }

    /// <summary>First feed-forward layer (E -> DimFeedforward).</summary>
    public Linear Linear1 { get; }

    /// <summary>Dropout inside the feed-forward block.</summary>
    public Dropout FeedForwardDropout { get; }

    /// <summary>Second feed-forward layer (DimFeedforward -> E).</summary>
    public Linear Linear2 { get; }

    /// <summary>Norm of the attention block.</summary>
    public LayerNorm Norm1 { get; }

    /// <summary>Norm of the feed-forward block.</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>Dropout on the attention output.</summary>
    public Dropout Dropout1 { get; }

    /// <summary>Dropout on the feed-forward output.</summary>
    public Dropout Dropout2 { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Forward(input, null, null);

    /// <summary>The layer with optional masks (see <see cref="MultiheadAttention"/> for their layout).</summary>
    /// <param name="input">(N, L, E) batch-first, else (L, N, E).</param>
    /// <param name="attentionMask">Additive (L, L) mask, e.g. <see cref="Functional.CausalMask"/>; or null.</param>
    /// <param name="keyPaddingMask">(N, L), non-zero at padded positions; or null.</param>
    public Tensor Forward(Tensor input, Tensor? attentionMask, Tensor? keyPaddingMask)
    {
        var x = input;
        if (Options.NormFirst)
        {
            x = x + Attend(Norm1.Forward(x), attentionMask, keyPaddingMask);
            return x + FeedForward(Norm2.Forward(x));
        }
        x = Norm1.Forward(x + Attend(x, attentionMask, keyPaddingMask));
        return Norm2.Forward(x + FeedForward(x));
    }

    private Tensor Attend(Tensor x, Tensor? mask, Tensor? padding) =>
        Dropout1.Forward(SelfAttention.Forward(x, x, x, padding, mask, needWeights: false).Output);

    private Tensor FeedForward(Tensor x)
    {
        var hidden = Options.Activation == TransformerActivation.Gelu
            ? Functional.Gelu(Linear1.Forward(x))
            : Linear1.Forward(x, Backends.Activation.Relu);
        return Dropout2.Forward(Linear2.Forward(FeedForwardDropout.Forward(hidden)));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"TransformerEncoderLayer(d_model={Options.DModel}, nhead={Options.NumHeads}, dim_feedforward={Options.DimFeedforward}, dropout={Options.Dropout}, " +
        $"activation={(Options.Activation == TransformerActivation.Gelu ? "gelu" : "relu")}{(Options.BatchFirst ? ", batch_first=True" : "")}{(Options.NormFirst ? ", norm_first=True" : "")})");
}
