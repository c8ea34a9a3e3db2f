using DeepSharp.Nn;

namespace DeepSharp.Serialization;

internal static partial class LayerRegistry
{
    /// <summary>Largest kernel, stride, padding, dilation or pooled output size of a description: 2^16,
    /// so that sizes computed from them (input + 2·padding, dilation·(kernel - 1) + 1) stay far from overflowing.</summary>
    internal const int MaxSpatial = 1 << 16;

    private static IEnumerable<LayerSpec> ConvSpecs()
    {
        yield return new LayerSpec("Conv2d", typeof(Conv2d), "2-D convolution; input (N, in, H, W) -> (N, out, H', W'); weight (out, in / groups, kh, kw)",
            [
                LayerOptionSpec.Int("in", "input channels", 1),
                LayerOptionSpec.Int("out", "output channels (filters)", 1),
                LayerOptionSpec.Size2("kernel", "kernel size", 1, max: MaxSpatial),
                LayerOptionSpec.Size2("stride", "step between windows", 1, defaultValue: 1, max: MaxSpatial),
                LayerOptionSpec.Size2("padding", "zeros added on each side", 0, defaultValue: 0, max: MaxSpatial),
                LayerOptionSpec.Size2("dilation", "spacing between kernel taps", 1, defaultValue: 1, max: MaxSpatial),
                LayerOptionSpec.Int("groups", "channel groups (must divide in and out)", 1, 1),
                LayerOptionSpec.Bool("bias", "learn a bias per filter", true),
            ],
            (d, rng) => new Conv2d(d.GetInt("in"), d.GetInt("out"), Size(d, "kernel"), Size(d, "stride"), Size(d, "padding"), Size(d, "dilation"),
                d.GetInt("groups"), d.GetBool("bias"), rng),
            m => m is Conv2d c ? new Dictionary<string, object>
            {
                ["in"] = c.Options.InChannels, ["out"] = c.Options.OutChannels, ["kernel"] = Pair(c.Options.KernelSize),
                ["stride"] = Pair(c.Options.Stride), ["padding"] = Pair(c.Options.Padding), ["dilation"] = Pair(c.Options.Dilation),
                ["groups"] = c.Options.Groups, ["bias"] = c.Bias is not null,
            } : None,
            d => ConvParameters(d, [d.GetInts("kernel")[0], d.GetInts("kernel")[1]]),
            CheckGroups);

        yield return new LayerSpec("Conv1d", typeof(Conv1d), "1-D convolution; input (N, in, L) -> (N, out, L'); weight (out, in / groups, kernel)",
            [
                LayerOptionSpec.Int("in", "input channels", 1),
                LayerOptionSpec.Int("out", "output channels (filters)", 1),
                LayerOptionSpec.Int("kernel", "kernel length", 1, max: MaxSpatial),
                LayerOptionSpec.Int("stride", "step between windows", 1, 1, MaxSpatial),
                LayerOptionSpec.Int("padding", "zeros added on each side", 0, 0, MaxSpatial),
                LayerOptionSpec.Int("dilation", "spacing between kernel taps", 1, 1, MaxSpatial),
                LayerOptionSpec.Int("groups", "channel groups (must divide in and out)", 1, 1),
                LayerOptionSpec.Bool("bias", "learn a bias per filter", true),
            ],
            (d, rng) => new Conv1d(d.GetInt("in"), d.GetInt("out"), d.GetInt("kernel"), d.GetInt("stride"), d.GetInt("padding"), d.GetInt("dilation"),
                d.GetInt("groups"), d.GetBool("bias"), rng),
            m => m is Conv1d c ? new Dictionary<string, object>
            {
                ["in"] = c.Options.InChannels, ["out"] = c.Options.OutChannels, ["kernel"] = c.Options.KernelSize.Width,
                ["stride"] = c.Options.Stride.Width, ["padding"] = c.Options.Padding.Width, ["dilation"] = c.Options.Dilation.Width,
                ["groups"] = c.Options.Groups, ["bias"] = c.Bias is not null,
            } : None,
            d => ConvParameters(d, [d.GetInt("kernel")]),
            CheckGroups);

        yield return new LayerSpec("MaxPool2d", typeof(MaxPool2d), "maximum over each window; input (N, C, H, W) -> (N, C, H', W')",
            PoolOptions(withCountIncludePad: false),
            (d, _) => new MaxPool2d(Size(d, "kernel"), Size(d, "stride"), Size(d, "padding")),
            m => m is MaxPool2d p ? PoolValues(p.Options, withCountIncludePad: false) : None,
            check: CheckPoolPadding);

        yield return new LayerSpec("AvgPool2d", typeof(AvgPool2d), "mean over each window; input (N, C, H, W) -> (N, C, H', W')",
            PoolOptions(withCountIncludePad: true),
            (d, _) => new AvgPool2d(Size(d, "kernel"), Size(d, "stride"), Size(d, "padding"), d.GetBool("countIncludePad")),
            m => m is AvgPool2d p ? PoolValues(p.Options, withCountIncludePad: true) : None,
            check: CheckPoolPadding);

        yield return new LayerSpec("AdaptiveAvgPool2d", typeof(AdaptiveAvgPool2d), "mean over windows chosen to give the output size; (N, C, H, W) -> (N, C, oh, ow)",
            [LayerOptionSpec.Size2("output", "output size", 1, max: MaxSpatial)],
            (d, _) => new AdaptiveAvgPool2d(Size(d, "output")),
            m => m is AdaptiveAvgPool2d p ? new Dictionary<string, object> { ["output"] = Pair(p.OutputSize) } : None);

        yield return new LayerSpec("Flatten", typeof(Flatten), "merges dimensions startDim..endDim into one; (N, C, H, W) -> (N, C·H·W) by default",
            [
                LayerOptionSpec.Int("startDim", "first dimension merged (negative counts from the end)", int.MinValue, 1),
                LayerOptionSpec.Int("endDim", "last dimension merged (negative counts from the end)", int.MinValue, -1),
            ],
            (d, _) => new Flatten(d.GetInt("startDim"), d.GetInt("endDim")),
            m => m is Flatten f ? new Dictionary<string, object> { ["startDim"] = f.StartDim, ["endDim"] = f.EndDim } : None);

        yield return new LayerSpec("Reshape", typeof(Reshape), "reshapes each sample; (N, ...) -> (N, shape...), one size may be -1 (inferred)",
            [LayerOptionSpec.IntList("shape", "the per-sample shape", -1)],
            (d, _) => new Reshape([.. d.GetInts("shape")]),
            m => m is Reshape r ? new Dictionary<string, object> { ["shape"] = r.Shape } : None,
            check: d => d.GetInts("shape") is var s && (s.Contains(0) || s.Count(v => v == -1) > 1)
                ? $"option 'shape' needs sizes >= 1 with at most one -1, found [{string.Join(", ", s)}]."
                : null);
    }

    private static LayerOptionSpec[] PoolOptions(bool withCountIncludePad) =>
    [
        LayerOptionSpec.Size2("kernel", "window size", 1, max: MaxSpatial),
        LayerOptionSpec.Size2("stride", "step between windows", 1, defaultFrom: "kernel", max: MaxSpatial),
        LayerOptionSpec.Size2("padding", "implicit padding on each side (at most half the kernel)", 0, defaultValue: 0, max: MaxSpatial),
        .. withCountIncludePad ? [LayerOptionSpec.Bool("countIncludePad", "count padded zeros in the mean", true)] : Array.Empty<LayerOptionSpec>(),
    ];

    private static Dictionary<string, object> PoolValues(Pool2dOptions o, bool withCountIncludePad)
    {
        var values = new Dictionary<string, object> { ["kernel"] = Pair(o.KernelSize), ["stride"] = Pair(o.EffectiveStride), ["padding"] = Pair(o.Padding) };
        if (withCountIncludePad) values["countIncludePad"] = o.CountIncludePad;
        return values;
    }

    private static IEnumerable<(string, long[])> ConvParameters(LayerDescription d, long[] kernel)
    {
        int output = d.GetInt("out");
        yield return ("weight", [output, d.GetInt("in") / d.GetInt("groups"), .. kernel]);
        if (d.GetBool("bias")) yield return ("bias", [output]);
    }

    private static string? CheckGroups(LayerDescription d) =>
        d.GetInt("in") % d.GetInt("groups") != 0 || d.GetInt("out") % d.GetInt("groups") != 0
            ? $"option 'groups' ({d.GetInt("groups")}) must divide 'in' ({d.GetInt("in")}) and 'out' ({d.GetInt("out")})."
            : null;

    private static string? CheckPoolPadding(LayerDescription d)
    {
        var (kernel, padding) = (d.GetInts("kernel"), d.GetInts("padding"));
        return 2 * (long)padding[0] > kernel[0] || 2 * (long)padding[1] > kernel[1]
            ? $"option 'padding' [{padding[0]}, {padding[1]}] must be at most half the kernel [{kernel[0]}, {kernel[1]}]."
            : null;
    }

    private static Size2d Size(LayerDescription d, string name) => new(d.GetInts(name)[0], d.GetInts(name)[1]);

    private static int[] Pair(Size2d size) => [size.Height, size.Width];
}
