namespace DeepSharp.Nn;

/// <summary>The configuration of <see cref="MaxPool2d"/> and <see cref="AvgPool2d"/>, validated on construction.</summary>
/// <param name="KernelSize">Window KH x KW.</param>
/// <example><c>new Pool2dOptions(2)</c> is LeNet's 2x2 subsampling with stride 2.</example>
public sealed record Pool2dOptions(Size2d KernelSize)
{
    private readonly Size2d? _stride;
    private readonly Size2d _padding = 0;

    /// <summary>Window KH x KW (both positive).</summary>
    public Size2d KernelSize { get; init; } = KernelSize.Height > 0 && KernelSize.Width > 0 ? KernelSize
        : throw new ArgumentOutOfRangeException(nameof(KernelSize), KernelSize, "KernelSize must be positive.");

    /// <summary>Step between windows (both positive); null (the default) means the kernel size.</summary>
    public Size2d? Stride
    {
        get => _stride;
        init => _stride = value is not { } s || (s.Height > 0 && s.Width > 0) ? value
            : throw new ArgumentOutOfRangeException(nameof(Stride), value, "Stride must be positive.");
    }

    /// <summary>Implicit padding on each side, at most half the kernel (as in PyTorch); default 0.</summary>
    public Size2d Padding
    {
        get => _padding;
        init => _padding = value.Height >= 0 && value.Width >= 0 && 2 * value.Height <= KernelSize.Height && 2 * value.Width <= KernelSize.Width
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Padding), value, $"Padding must be between 0 and half the kernel size {KernelSize}.");
    }

    /// <summary>Average pooling only: divide by the full window, padding included (PyTorch's default, true),
    /// or only by the input elements the window covers.</summary>
    public bool CountIncludePad { get; init; } = true;

    /// <summary>The stride in effect: <see cref="Stride"/> or, when null, the kernel size.</summary>
    public Size2d EffectiveStride => Stride ?? KernelSize;
}
