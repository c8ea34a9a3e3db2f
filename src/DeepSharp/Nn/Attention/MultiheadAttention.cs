using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Multi-head attention (PyTorch's <c>nn.MultiheadAttention</c>, same parameter names and layout:
/// <c>in_proj_weight</c> (3E, E) stacking the query, key and value projections, <c>in_proj_bias</c>
/// (3E), <c>out_proj</c> a Linear(E, E)).
/// </summary>
/// <remarks>
/// query (N, L, E), key and value (N, S, E) when batch-first, else (L, N, E) and (S, N, E) ->
/// output of the query's layout, and weights (N, L, S) averaged over heads (or (N, H, L, S)).
/// Masks: <c>attentionMask</c> is additive, (L, S) or (N·H, L, S), 0 where allowed and -∞ where
/// not (<see cref="Functional.CausalMask"/>); <c>keyPaddingMask</c> (N, S) is non-zero at the keys
/// to ignore. <see cref="Module.Forward"/> is self-attention without masks.
/// </remarks>
public sealed class MultiheadAttention : Module, IOwnsGenerator
{
    private readonly RandomGenerator? _rng;

    /// <summary>Creates the layer and initializes it (Xavier-uniform projections, zero biases, as PyTorch).</summary>
    /// <param name="embedDim">Model width E (at least 1, divisible by <paramref name="numHeads"/>).</param>
    /// <param name="numHeads">Heads H.</param>
    /// <param name="dropout">Dropout on the attention weights while training, in [0, 1).</param>
    /// <param name="bias">Learn the projection biases.</param>
    /// <param name="batchFirst">Inputs are (N, L, E) instead of (L, N, E).</param>
    /// <param name="rng">Initial weights, and the dropout masks (a fork of it).</param>
    public MultiheadAttention(int embedDim, int numHeads, double dropout = 0, bool bias = true, bool batchFirst = false, RandomGenerator? rng = null)
    {
        if (embedDim < 1) throw new ArgumentOutOfRangeException(nameof(embedDim), embedDim, "MultiheadAttention: embedDim must be at least 1.");
        if (numHeads < 1 || embedDim % numHeads != 0)
            throw new ArgumentOutOfRangeException(nameof(numHeads), numHeads, $"MultiheadAttention: numHeads must be at least 1 and divide embedDim ({embedDim}).");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "MultiheadAttention: dropout must be in [0, 1).");
        EmbedDim = embedDim;
        NumHeads = numHeads;
        Dropout = dropout;
        BatchFirst = batchFirst;
        rng ??= RandomGenerator.Default;
        InProjWeight = RegisterParameter("in_proj_weight", Tensor.Zeros(3 * embedDim, embedDim));
        if (bias) InProjBias = RegisterParameter("in_proj_bias", Tensor.Zeros(3 * embedDim));
        OutProj = RegisterModule("out_proj", new Linear(embedDim, embedDim, bias, rng));
        ResetParameters(rng);
        if (dropout > 0) _rng = rng.Fork();
    }

    /// <summary>Model width E.</summary>
    public int EmbedDim { get; }

    /// <summary>Heads H.</summary>
    public int NumHeads { get; }

    /// <summary>Dropout on the attention weights.</summary>
    public double Dropout { get; }

    /// <summary>Inputs and outputs are (N, L, E).</summary>
    public bool BatchFirst { get; }

    /// <summary>The stacked query, key and value projections (3E, E).</summary>
    public Tensor InProjWeight { get; }

    /// <summary>Their biases (3E), or null.</summary>
    public Tensor? InProjBias { get; }

    /// <summary>The output projection.</summary>
    public Linear OutProj { get; }

    RandomGenerator? IOwnsGenerator.Generator => _rng;

    /// <summary>Xavier-uniform in_proj_weight, zero biases (out_proj's weight keeps Linear's default), as PyTorch.</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        using var _ = Autograd.GradMode.NoGrad();
        double bound = Math.Sqrt(6.0 / (EmbedDim + 3 * EmbedDim));
        InProjWeight.CopyFrom(Tensor.Uniform(InProjWeight.ShapeArray, -bound, bound, rng, InProjWeight.DType));
        InProjBias?.Fill(0);
        OutProj.Bias?.Fill(0);
    }

    /// <summary>Self-attention of <paramref name="input"/> without masks.</summary>
    public override Tensor Forward(Tensor input) => Forward(input, input, input, needWeights: false).Output;

    /// <summary>Attention of the queries over the keys and values.</summary>
    /// <param name="query">(N, L, E) batch-first, else (L, N, E).</param>
    /// <param name="key">(N, S, E) batch-first, else (S, N, E).</param>
    /// <param name="value">Same layout as the key.</param>
    /// <param name="keyPaddingMask">(N, S), non-zero at keys to ignore; or null.</param>
    /// <param name="attentionMask">Additive (L, S) or (N·H, L, S); or null.</param>
    /// <param name="needWeights">Also return the attention weights.</param>
    /// <param name="averageWeights">Average the weights over heads ((N, L, S)) instead of (N, H, L, S).</param>
    /// <returns>The output in the query's layout, and the weights or null.</returns>
    /// <exception cref="ShapeMismatchException">The shapes do not fit, naming them.</exception>
    public (Tensor Output, Tensor? Weights) Forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null,
        Tensor? attentionMask = null, bool needWeights = true, bool averageWeights = true)
    {
        foreach (var (name, t) in new[] { ("query", query), ("key", key), ("value", value) })
            if (t.Rank != 3 || t.Shape[2] != EmbedDim)
                throw new ShapeMismatchException($"{this}: {name} must be {(BatchFirst ? "(N, L, E)" : "(L, N, E)")} with E = {EmbedDim}, got {Shapes.Format(t.Shape)}.");
        if (!BatchFirst)
        {
            query = query.Transpose(0, 1);
            key = key.Transpose(0, 1);
            value = value.Transpose(0, 1);
        }
        int n = query.Shape[0], l = query.Shape[1], s = key.Shape[1], e = EmbedDim, h = NumHeads, d = e / h;
        if (key.Shape[0] != n || value.Shape[0] != n || value.Shape[1] != s)
            throw new ShapeMismatchException($"{this}: query, key and value disagree on the batch or key length: {Shapes.Format(query.Shape)}, {Shapes.Format(key.Shape)}, {Shapes.Format(value.Shape)} (batch first).");
        Tensor Project(Tensor x, int part, int length) =>
            Functional.Linear(x, InProjWeight.Narrow(0, part * e, e), InProjBias?.Narrow(0, part * e, e))
                .Reshape(n, length, h, d).Permute(0, 2, 1, 3);
        var q = Project(query, 0, l);
        var k = Project(key, 1, s);
        var v = Project(value, 2, s);
        Tensor? mask = attentionMask;
        if (mask is not null)
        {
            if (mask.Rank == 3 && mask.Shape[0] == n * h && mask.Shape[1] == l && mask.Shape[2] == s) mask = mask.Reshape(n, h, l, s);
            else if (mask.Rank != 2 || mask.Shape[0] != l || mask.Shape[1] != s)
                throw new ShapeMismatchException($"{this}: attentionMask must be (L, S) = ({l}, {s}) or (N·H, L, S) = ({n * h}, {l}, {s}), got {Shapes.Format(mask.Shape)}.");
        }
        var (heads, weights) = Functional.ScaledDotProductAttention(q, k, v, mask, keyPaddingMask, Dropout, IsTraining, _rng);
        var merged = heads.Permute(0, 2, 1, 3).Reshape(n, l, e);
        var output = OutProj.Forward(merged);
        if (!BatchFirst) output = output.Transpose(0, 1);
        return (output, needWeights ? (averageWeights ? weights.Mean(1) : weights) : null);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"MultiheadAttention(embed_dim={EmbedDim}, num_heads={NumHeads}{(Dropout > 0 ? $", dropout={Dropout}" : "")}{(BatchFirst ? ", batch_first=True" : "")})");
}
