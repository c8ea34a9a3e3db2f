namespace DeepSharp.Backends;

/// <summary>The sizes of one 2-D pooling over NCHW data, validated, with the derived output size.</summary>
/// <remarks>
/// input (N, C, H, W) -> output (N, C, OH, OW) with OH = (H + 2·PH - KH) / SH + 1 (floor), likewise OW.
/// As in PyTorch, padding may be at most half the kernel, so every window holds an input element.
/// </remarks>
public readonly record struct Pool2dGeometry
{
    /// <summary>Validates the sizes and computes the output size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive (padding: negative), the
    /// padding exceeds half the kernel, or the kernel is larger than the padded input.</exception>
    public Pool2dGeometry(int batch, int channels, int inHeight, int inWidth, int kernelHeight, int kernelWidth,
        int strideHeight, int strideWidth, int padHeight = 0, int padWidth = 0)
    {
        if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be non-negative.");
        if (channels < 0) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be non-negative.");
        if (inHeight < 0) throw new ArgumentOutOfRangeException(nameof(inHeight), inHeight, "inHeight must be non-negative.");
        if (inWidth < 0) throw new ArgumentOutOfRangeException(nameof(inWidth), inWidth, "inWidth must be non-negative.");
        if (kernelHeight <= 0) throw new ArgumentOutOfRangeException(nameof(kernelHeight), kernelHeight, "kernelHeight must be positive.");
        if (kernelWidth <= 0) throw new ArgumentOutOfRangeException(nameof(kernelWidth), kernelWidth, "kernelWidth must be positive.");
        if (strideHeight <= 0) throw new ArgumentOutOfRangeException(nameof(strideHeight), strideHeight, "strideHeight must be positive.");
        if (strideWidth <= 0) throw new ArgumentOutOfRangeException(nameof(strideWidth), strideWidth, "strideWidth must be positive.");
        if (padHeight < 0 || 2L * padHeight > kernelHeight)
            throw new ArgumentOutOfRangeException(nameof(padHeight), padHeight, $"padHeight must be between 0 and half the kernel height ({kernelHeight}).");
        if (padWidth < 0 || 2L * padWidth > kernelWidth)
            throw new ArgumentOutOfRangeException(nameof(padWidth), padWidth, $"padWidth must be between 0 and half the kernel width ({kernelWidth}).");
        Batch = batch;
        Channels = channels;
        InHeight = inHeight;
        InWidth = inWidth;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadHeight = padHeight;
        PadWidth = padWidth;
        OutHeight = Conv2dGeometry.OutputLength(inHeight, kernelHeight, strideHeight, padHeight, 1);
        OutWidth = Conv2dGeometry.OutputLength(inWidth, kernelWidth, strideWidth, padWidth, 1);
    }

    /// <summary>N: images in the batch.</summary>
    public int Batch { get; }
    /// <summary>C: channels (pooled independently).</summary>
    public int Channels { get; }
    /// <summary>H: input height.</summary>
    public int InHeight { get; }
    /// <summary>W: input width.</summary>
    public int InWidth { get; }
    /// <summary>KH: window height.</summary>
    public int KernelHeight { get; }
    /// <summary>KW: window width.</summary>
    public int KernelWidth { get; }
    /// <summary>SH: vertical stride.</summary>
    public int StrideHeight { get; }
    /// <summary>SW: horizontal stride.</summary>
    public int StrideWidth { get; }
    /// <summary>PH: implicit padding rows above and below.</summary>
    public int PadHeight { get; }
    /// <summary>PW: implicit padding columns left and right.</summary>
    public int PadWidth { get; }
    /// <summary>OH: output height.</summary>
    public int OutHeight { get; }
    /// <summary>OW: output width.</summary>
    public int OutWidth { get; }

    /// <summary>Number of (image, channel) planes: N · C.</summary>
    public int Planes => Batch * Channels;
    /// <summary>Elements of one input plane: H · W.</summary>
    public int InPlaneSize => InHeight * InWidth;
    /// <summary>Elements of one output plane: OH · OW.</summary>
    public int OutPlaneSize => OutHeight * OutWidth;
    /// <summary>Elements of the whole input.</summary>
    public int InputSize => Planes * InPlaneSize;
    /// <summary>Elements of the whole output.</summary>
    public int OutputSize => Planes * OutPlaneSize;

    /// <summary>True for the non-overlapping 2x2, stride-2, unpadded window over even sizes (LeNet's subsampling), which has a SIMD path.</summary>
    public bool IsTwoByTwo => KernelHeight == 2 && KernelWidth == 2 && StrideHeight == 2 && StrideWidth == 2
        && PadHeight == 0 && PadWidth == 0 && InHeight % 2 == 0 && InWidth % 2 == 0;
}
