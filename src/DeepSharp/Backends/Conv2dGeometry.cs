namespace DeepSharp.Backends;

/// <summary>
/// The sizes of one 2-D convolution over NCHW data, validated, with the derived output size and
/// the shape of the im2col matrix of one group of one image.
/// </summary>
/// <remarks>
/// input (N, C, H, W), weight (K, C / groups, KH, KW) -> output (N, K, OH, OW) with
/// OH = (H + 2·PH - DH·(KH - 1) - 1) / SH + 1 (floor), and likewise OW.
/// </remarks>
public readonly record struct Conv2dGeometry
{
    /// <summary>Validates the sizes and computes the output size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive (padding: negative), the
    /// channels are not divisible by <paramref name="groups"/>, or the dilated kernel is larger than
    /// the padded input.</exception>
    public Conv2dGeometry(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
        int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1,
        int padHeight = 0, int padWidth = 0, int dilationHeight = 1, int dilationWidth = 1, int groups = 1)
    {
        NonNegative(batch, nameof(batch));
        Positive(inChannels, nameof(inChannels));
        NonNegative(inHeight, nameof(inHeight));
        NonNegative(inWidth, nameof(inWidth));
        Positive(outChannels, nameof(outChannels));
        Positive(kernelHeight, nameof(kernelHeight));
        Positive(kernelWidth, nameof(kernelWidth));
        Positive(strideHeight, nameof(strideHeight));
        Positive(strideWidth, nameof(strideWidth));
        NonNegative(padHeight, nameof(padHeight));
        NonNegative(padWidth, nameof(padWidth));
        Positive(dilationHeight, nameof(dilationHeight));
        Positive(dilationWidth, nameof(dilationWidth));
        Positive(groups, nameof(groups));
        if (inChannels % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"groups must divide the input channels ({inChannels}).");
        if (outChannels % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"groups must divide the output channels ({outChannels}).");
        Batch = batch;
        InChannels = inChannels;
        InHeight = inHeight;
        InWidth = inWidth;
        OutChannels = outChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadHeight = padHeight;
        PadWidth = padWidth;
        DilationHeight = dilationHeight;
        DilationWidth = dilationWidth;
        Groups = groups;
        OutHeight = Length(inHeight, kernelHeight, strideHeight, padHeight, dilationHeight, nameof(inHeight));
        OutWidth = Length(inWidth, kernelWidth, strideWidth, padWidth, dilationWidth, nameof(inWidth));
        // Every size below is an int product; refuse geometries where one would overflow.
        long colRows = (long)(inChannels / groups) * kernelHeight * kernelWidth, colCols = (long)OutHeight * OutWidth;
        long largest = Math.Max(Math.Max((long)batch * inChannels * inHeight * inWidth, (long)batch * outChannels * colCols),
            Math.Max(outChannels * colRows, colRows * colCols));
        if (colRows > int.MaxValue || colCols > int.MaxValue || largest > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(batch), batch,
                $"The convolution of ({batch}, {inChannels}, {inHeight}, {inWidth}) with a {kernelHeight}x{kernelWidth} kernel into {outChannels} channels "
                + $"({OutHeight}x{OutWidth} outputs) needs a tensor of more than {int.MaxValue} elements.");
    }

    /// <summary>N: images in the batch.</summary>
    public int Batch { get; }
    /// <summary>C: input channels.</summary>
    public int InChannels { get; }
    /// <summary>H: input height.</summary>
    public int InHeight { get; }
    /// <summary>W: input width.</summary>
    public int InWidth { get; }
    /// <summary>K: output channels (filters).</summary>
    public int OutChannels { get; }
    /// <summary>KH: kernel height.</summary>
    public int KernelHeight { get; }
    /// <summary>KW: kernel width.</summary>
    public int KernelWidth { get; }
    /// <summary>SH: vertical stride.</summary>
    public int StrideHeight { get; }
    /// <summary>SW: horizontal stride.</summary>
    public int StrideWidth { get; }
    /// <summary>PH: zero rows added above and below.</summary>
    public int PadHeight { get; }
    /// <summary>PW: zero columns added left and right.</summary>
    public int PadWidth { get; }
    /// <summary>DH: vertical spacing of kernel taps.</summary>
    public int DilationHeight { get; }
    /// <summary>DW: horizontal spacing of kernel taps.</summary>
    public int DilationWidth { get; }
    /// <summary>Groups: channels are split into this many independent convolutions.</summary>
    public int Groups { get; }
    /// <summary>OH: output height.</summary>
    public int OutHeight { get; }
    /// <summary>OW: output width.</summary>
    public int OutWidth { get; }

    /// <summary>Input channels per group (the weight's second dimension).</summary>
    public int GroupInChannels => InChannels / Groups;
    /// <summary>Output channels per group.</summary>
    public int GroupOutChannels => OutChannels / Groups;
    /// <summary>Rows of the im2col matrix of one group: C/groups · KH · KW (the GEMM reduction length).</summary>
    public int ColRows => GroupInChannels * KernelHeight * KernelWidth;
    /// <summary>Columns of the im2col matrix: OH · OW.</summary>
    public int ColCols => OutHeight * OutWidth;
    /// <summary>Elements of one input image: C · H · W.</summary>
    public int InImageSize => InChannels * InHeight * InWidth;
    /// <summary>Elements of one output image: K · OH · OW.</summary>
    public int OutImageSize => OutChannels * OutHeight * OutWidth;
    /// <summary>Elements of the weight: K · C/groups · KH · KW.</summary>
    public int WeightSize => OutChannels * ColRows;
    /// <summary>Elements of the whole input.</summary>
    public int InputSize => Batch * InImageSize;
    /// <summary>Elements of the whole output.</summary>
    public int OutputSize => Batch * OutImageSize;

    /// <summary>True when the im2col matrix equals the input itself (1x1 kernel, stride 1, no padding).</summary>
    public bool IsPointwise => KernelHeight == 1 && KernelWidth == 1 && StrideHeight == 1 && StrideWidth == 1
        && PadHeight == 0 && PadWidth == 0;

    /// <summary>Multiply-adds of the forward pass (each is two floating-point operations).</summary>
    public long MultiplyAdds => (long)Batch * OutChannels * ColCols * ColRows;

    /// <summary>The output length along one dimension: (input + 2·padding - dilation·(kernel - 1) - 1) / stride + 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dilated kernel is larger than the padded input.</exception>
    public static int OutputLength(int input, int kernel, int stride, int padding, int dilation) =>
        Length(input, kernel, stride, padding, dilation, nameof(input));

    private static int Length(int input, int kernel, int stride, int padding, int dilation, string name)
    {
        long extent = (long)dilation * (kernel - 1) + 1;
        long padded = (long)input + 2L * padding;
        if (extent > padded)
            throw new ArgumentOutOfRangeException(name, input,
                $"The dilated kernel extent {extent} is larger than the padded input {padded} (input {input}, padding {padding}).");
        long length = (padded - extent) / stride + 1;
        return length <= int.MaxValue ? (int)length
            : throw new ArgumentOutOfRangeException(name, input,
                $"The output length {length} (input {input}, padding {padding}, kernel {kernel}, stride {stride}) is more than {int.MaxValue}.");
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
    }

    private static void NonNegative(int value, string name)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be non-negative.");
    }
}
