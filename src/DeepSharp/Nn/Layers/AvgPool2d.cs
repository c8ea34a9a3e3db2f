using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Average pooling over windows of NCHW images (LeNet-5's original subsampling, without its learned scale).</summary>
/// <remarks>input (N, C, H, W) -> output (N, C, OH, OW), OH = (H + 2·PH - KH) / SH + 1; no parameters.
/// Padded positions count in the divisor unless <see cref="Pool2dOptions.CountIncludePad"/> is false (as in PyTorch).</remarks>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer from validated options.</summary>
    public AvgPool2d(Pool2dOptions options) => Options = options;

    /// <summary>Creates the layer: <c>new AvgPool2d(2)</c> halves the height and the width.</summary>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="stride">Default: the kernel size.</param>
    /// <param name="padding">Implicit zero padding, at most half the kernel; default 0.</param>
    /// <param name="countIncludePad">Whether padding counts in the divisor; default true.</param>
    public AvgPool2d(Size2d kernelSize, Size2d? stride = null, Size2d? padding = null, bool countIncludePad = true)
        : this(new Pool2dOptions(kernelSize) { Stride = stride, Padding = padding ?? 0, CountIncludePad = countIncludePad })
    {
    }

    /// <summary>The configuration.</summary>
    public Pool2dOptions Options { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        ConvFunctional.AvgPool2d(input, Options.KernelSize, Options.EffectiveStride, Options.Padding, Options.CountIncludePad);

    /// <summary><c>AvgPool2d(2x2)</c> plus a non-default stride or padding.</summary>
    public override string ToString() => MaxPool2d.PoolText("AvgPool2d", Options);
}
