using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Max pooling over windows of NCHW images (the "modern" subsampling of LeNet-5).</summary>
/// <remarks>input (N, C, H, W) -> output (N, C, OH, OW), OH = (H + 2·PH - KH) / SH + 1; no parameters.</remarks>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer from validated options.</summary>
    public MaxPool2d(Pool2dOptions options) => Options = options;

    /// <summary>Creates the layer: <c>new MaxPool2d(2)</c> halves the height and the width.</summary>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="stride">Default: the kernel size.</param>
    /// <param name="padding">Implicit padding, at most half the kernel; default 0.</param>
    public MaxPool2d(Size2d kernelSize, Size2d? stride = null, Size2d? padding = null)
        : this(new Pool2dOptions(kernelSize) { Stride = stride, Padding = padding ?? 0 })
    {
    }

    /// <summary>The configuration.</summary>
    public Pool2dOptions Options { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        ConvFunctional.MaxPool2d(input, Options.KernelSize, Options.EffectiveStride, Options.Padding);

    /// <summary><c>MaxPool2d(2x2)</c> plus a non-default stride or padding.</summary>
    public override string ToString() => PoolText("MaxPool2d", Options);

    internal static string PoolText(string name, Pool2dOptions o)
    {
        var s = $"{name}({o.KernelSize}";
        if (o.EffectiveStride != o.KernelSize) s += $", stride {o.EffectiveStride.Pair}";
        if (o.Padding != new Size2d(0, 0)) s += $", padding {o.Padding.Pair}";
        return s + ")";
    }
}
