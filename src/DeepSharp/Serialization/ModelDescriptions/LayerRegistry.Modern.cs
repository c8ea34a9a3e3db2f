using DeepSharp.Nn;

namespace DeepSharp.Serialization;

internal static partial class LayerRegistry
{
    private static IEnumerable<LayerSpec> NormalizationSpecs()
    {
        yield return BatchNorm<BatchNorm1d>("BatchNorm1d", "batch normalization per channel; (N, C) or (N, C, L) -> same shape",
            (c, eps, m, affine, track) => new BatchNorm1d(c, eps, m, affine, track));
        yield return BatchNorm<BatchNorm2d>("BatchNorm2d", "batch normalization per channel over N, H, W; (N, C, H, W) -> same shape",
            (c, eps, m, affine, track) => new BatchNorm2d(c, eps, m, affine, track));

        yield return new LayerSpec("LayerNorm", typeof(LayerNorm), "normalizes over the trailing `shape`; (*, shape) -> same shape",
            [
                LayerOptionSpec.IntList("shape", "the trailing shape normalized over", 1),
                LayerOptionSpec.Double("eps", "added to the variance", 1e-5, e => e > 0 && double.IsFinite(e), "a positive finite number"),
                LayerOptionSpec.Bool("affine", "learn an element-wise scale and shift", true),
            ],
            (d, _) => new LayerNorm([.. d.GetInts("shape")], d.GetDouble("eps"), d.GetBool("affine")),
            m => m is LayerNorm x ? new Dictionary<string, object> { ["shape"] = x.NormalizedShape, ["eps"] = x.Eps, ["affine"] = x.Weight is not null } : None,
            d => d.GetBool("affine") ? [("weight", Longs(d.GetInts("shape"))), ("bias", Longs(d.GetInts("shape")))] : []);

        yield return new LayerSpec("GroupNorm", typeof(GroupNorm), "normalizes each sample's channel groups; (N, C, *) -> same shape",
            [
                LayerOptionSpec.Int("groups", "channel groups (must divide channels)", 1),
                LayerOptionSpec.Int("channels", "channels C", 1),
                LayerOptionSpec.Double("eps", "added to the variance", 1e-5, e => e > 0 && double.IsFinite(e), "a positive finite number"),
                LayerOptionSpec.Bool("affine", "learn a per-channel scale and shift", true),
            ],
            (d, _) => new GroupNorm(d.GetInt("groups"), d.GetInt("channels"), d.GetDouble("eps"), d.GetBool("affine")),
            m => m is GroupNorm x ? new Dictionary<string, object> { ["groups"] = x.NumGroups, ["channels"] = x.NumChannels, ["eps"] = x.Eps, ["affine"] = x.Weight is not null } : None,
            d => d.GetBool("affine") ? [("weight", [d.GetInt("channels")]), ("bias", [d.GetInt("channels")])] : [],
            d => d.GetInt("channels") % d.GetInt("groups") != 0 ? $"option 'groups' ({d.GetInt("groups")}) must divide 'channels' ({d.GetInt("channels")})." : null);
    }

    private static IEnumerable<LayerSpec> SequenceSpecs()
    {
        yield return new LayerSpec("Embedding", typeof(Embedding), "a learned vector per index; indices (*) -> (*, dim)",
            [
                LayerOptionSpec.Int("num", "rows (vocabulary size)", 1),
                LayerOptionSpec.Int("dim", "size of each vector", 1),
                LayerOptionSpec.Int("paddingIndex", "row that gets no gradient (-1: none)", -1, -1),
            ],
            (d, rng) => new Embedding(d.GetInt("num"), d.GetInt("dim"), d.GetInt("paddingIndex") is var p and >= 0 ? p : null, rng),
            m => m is Embedding x ? new Dictionary<string, object> { ["num"] = x.NumEmbeddings, ["dim"] = x.EmbeddingDim, ["paddingIndex"] = x.PaddingIndex ?? -1 } : None,
            d => [("weight", [d.GetInt("num"), d.GetInt("dim")])],
            d => d.GetInt("paddingIndex") >= d.GetInt("num") ? $"option 'paddingIndex' ({d.GetInt("paddingIndex")}) must be below 'num' ({d.GetInt("num")})." : null);

        yield return new LayerSpec("SinusoidalPositionalEncoding", typeof(SinusoidalPositionalEncoding), "adds the fixed sine / cosine position code; (L, N, E) or (N, L, E) -> same shape",
            [
                LayerOptionSpec.Int("dim", "model width E", 1),
                LayerOptionSpec.Int("maxLength", "longest sequence", 1, 5000),
                LayerOptionSpec.Bool("batchFirst", "input is (batch, seq, feature)", false),
            ],
            (d, _) => new SinusoidalPositionalEncoding(d.GetInt("dim"), d.GetInt("maxLength"), d.GetBool("batchFirst")),
            m => m is SinusoidalPositionalEncoding x ? new Dictionary<string, object> { ["dim"] = x.DModel, ["maxLength"] = x.MaxLength, ["batchFirst"] = x.BatchFirst } : None,
            check: d => (long)d.GetInt("dim") * d.GetInt("maxLength") > 1 << 26 ? "options 'dim' x 'maxLength' must be at most 2^26." : null);

        yield return new LayerSpec("LearnedPositionalEmbedding", typeof(LearnedPositionalEmbedding), "adds a learned vector per position; (L, N, E) or (N, L, E) -> same shape",
            [
                LayerOptionSpec.Int("maxLength", "positions", 1),
                LayerOptionSpec.Int("dim", "model width E", 1),
                LayerOptionSpec.Bool("batchFirst", "input is (batch, seq, feature)", false),
            ],
            (d, rng) => new LearnedPositionalEmbedding(d.GetInt("maxLength"), d.GetInt("dim"), d.GetBool("batchFirst"), rng),
            m => m is LearnedPositionalEmbedding x ? new Dictionary<string, object> { ["maxLength"] = x.MaxLength, ["dim"] = x.DModel, ["batchFirst"] = x.BatchFirst } : None,
            d => [("weight", [d.GetInt("maxLength"), d.GetInt("dim")])]);

        yield return new LayerSpec("TransformerEncoderLayer", typeof(TransformerEncoderLayer),
            "self-attention + feed-forward, each with a residual and a layer norm; (L, N, E) or (N, L, E) -> same shape",
            [
                LayerOptionSpec.Int("dim", "model width E", 1),
                LayerOptionSpec.Int("heads", "attention heads (must divide dim)", 1),
                LayerOptionSpec.Int("feedforward", "hidden width of the feed-forward block", 1, 2048),
                LayerOptionSpec.Double("dropout", "dropout while training", 0.1, p => p is >= 0 and < 1, "a number in [0, 1)"),
                LayerOptionSpec.Choice("activation", "feed-forward activation", "relu", "relu", "gelu"),
                LayerOptionSpec.Double("eps", "layer norm eps", 1e-5, e => e > 0 && double.IsFinite(e), "a positive finite number"),
                LayerOptionSpec.Bool("batchFirst", "input is (batch, seq, feature)", false),
                LayerOptionSpec.Bool("normFirst", "pre-norm instead of post-norm", false),
            ],
            (d, rng) => new TransformerEncoderLayer(new TransformerEncoderLayerOptions(d.GetInt("dim"), d.GetInt("heads"), d.GetInt("feedforward"), d.GetDouble("dropout"),
                d.GetString("activation") == "gelu" ? TransformerActivation.Gelu : TransformerActivation.Relu, d.GetDouble("eps"), d.GetBool("batchFirst"), d.GetBool("normFirst")), rng),
            m => m is TransformerEncoderLayer x ? new Dictionary<string, object>
            {
                ["dim"] = x.Options.DModel, ["heads"] = x.Options.NumHeads, ["feedforward"] = x.Options.DimFeedforward, ["dropout"] = x.Options.Dropout,
                ["activation"] = x.Options.Activation == TransformerActivation.Gelu ? "gelu" : "relu", ["eps"] = x.Options.LayerNormEps,
                ["batchFirst"] = x.Options.BatchFirst, ["normFirst"] = x.Options.NormFirst,
            } : None,
            TransformerParameters,
            d => d.GetInt("dim") % d.GetInt("heads") != 0 ? $"option 'heads' ({d.GetInt("heads")}) must divide 'dim' ({d.GetInt("dim")})." : null);

        yield return new LayerSpec("BasicBlock", typeof(BasicBlock), "ResNet basic block: two 3x3 conv + batch norm with a shortcut; (N, in, H, W) -> (N, out, H / stride, W / stride)",
            [
                LayerOptionSpec.Int("in", "input channels", 1),
                LayerOptionSpec.Int("out", "output channels", 1),
                LayerOptionSpec.Int("stride", "stride of the first convolution", 1, 1),
            ],
            (d, rng) => new BasicBlock(d.GetInt("in"), d.GetInt("out"), d.GetInt("stride"), rng),
            m => m is BasicBlock b ? new Dictionary<string, object> { ["in"] = b.InChannels, ["out"] = b.OutChannels, ["stride"] = b.Stride } : None,
            BasicBlockParameters,
            buffers: BasicBlockBuffers);
    }

    private static LayerSpec BatchNorm<T>(string type, string summary, Func<int, double, double?, bool, bool, T> create) where T : BatchNormBase =>
        new(type, typeof(T), summary,
            [
                LayerOptionSpec.Int("features", "channels C", 1),
                LayerOptionSpec.Double("eps", "added to the variance", 1e-5, e => e > 0 && double.IsFinite(e), "a positive finite number"),
                LayerOptionSpec.Double("momentum", "weight of each batch in the running statistics (-1: cumulative average)", 0.1,
                    m => m is -1 or (>= 0 and <= 1), "a number in [0, 1], or -1"),
                LayerOptionSpec.Bool("affine", "learn a scale and shift per channel", true),
                LayerOptionSpec.Bool("trackRunningStats", "keep running statistics for evaluation", true),
            ],
            (d, _) => create(d.GetInt("features"), d.GetDouble("eps"), d.GetDouble("momentum") is var m && m >= 0 ? m : null, d.GetBool("affine"), d.GetBool("trackRunningStats")),
            m => m is T x ? new Dictionary<string, object>
            {
                ["features"] = x.NumFeatures, ["eps"] = x.Eps, ["momentum"] = x.Momentum ?? -1.0, ["affine"] = x.Affine, ["trackRunningStats"] = x.TrackRunningStats,
            } : None,
            d => d.GetBool("affine") ? [("weight", [d.GetInt("features")]), ("bias", [d.GetInt("features")])] : [],
            buffers: d => d.GetBool("trackRunningStats") ? BatchNormBuffers("", d.GetInt("features")) : []);

    private static IEnumerable<(string, long[])> BatchNormParameters(string prefix, long channels) =>
        [(prefix + "weight", [channels]), (prefix + "bias", [channels])];

    private static IEnumerable<(string, long[])> BatchNormBuffers(string prefix, long channels) =>
        [(prefix + "running_mean", [channels]), (prefix + "running_var", [channels]), (prefix + "num_batches_tracked", [])];

    private static bool HasDownsample(LayerDescription d) => d.GetInt("stride") != 1 || d.GetInt("in") != d.GetInt("out");

    private static IEnumerable<(string, long[])> BasicBlockParameters(LayerDescription d)
    {
        long input = d.GetInt("in"), output = d.GetInt("out");
        yield return ("conv1.weight", [output, input, 3, 3]);
        foreach (var p in BatchNormParameters("bn1.", output)) yield return p;
        yield return ("conv2.weight", [output, output, 3, 3]);
        foreach (var p in BatchNormParameters("bn2.", output)) yield return p;
        if (!HasDownsample(d)) yield break;
        yield return ("downsample.0.weight", [output, input, 1, 1]);
        foreach (var p in BatchNormParameters("downsample.1.", output)) yield return p;
    }

    private static IEnumerable<(string, long[])> BasicBlockBuffers(LayerDescription d)
    {
        long output = d.GetInt("out");
        foreach (var b in BatchNormBuffers("bn1.", output)) yield return b;
        foreach (var b in BatchNormBuffers("bn2.", output)) yield return b;
        if (HasDownsample(d))
            foreach (var b in BatchNormBuffers("downsample.1.", output)) yield return b;
    }

    private static IEnumerable<(string, long[])> TransformerParameters(LayerDescription d)
    {
        long e = d.GetInt("dim"), f = d.GetInt("feedforward");
        return
        [
            ("self_attn.in_proj_weight", [3 * e, e]), ("self_attn.in_proj_bias", [3 * e]),
            ("self_attn.out_proj.weight", [e, e]), ("self_attn.out_proj.bias", [e]),
            ("linear1.weight", [f, e]), ("linear1.bias", [f]), ("linear2.weight", [e, f]), ("linear2.bias", [e]),
            ("norm1.weight", [e]), ("norm1.bias", [e]), ("norm2.weight", [e]), ("norm2.bias", [e]),
        ];
    }

    private static long[] Longs(IReadOnlyList<int> shape) => [.. shape.Select(v => (long)v)];
}
