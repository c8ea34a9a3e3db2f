namespace DeepSharp.Nn;

/// <summary>The configuration of a <see cref="Conv2d"/> layer, validated on construction.</summary>
/// <param name="InChannels">C: channels of the input.</param>
/// <param name="OutChannels">K: filters, i.e. channels of the output.</param>
/// <param name="KernelSize">KH x KW.</param>
/// <example><c>new Conv2dOptions(1, 6, 5) { Padding = 2 }</c></example>
public sealed record Conv2dOptions(int InChannels, int OutChannels, Size2d KernelSize)
{
    private readonly Size2d _stride = 1, _padding = 0, _dilation = 1;
    private readonly int _groups = 1;

    /// <summary>C: channels of the input (positive).</summary>
    public int InChannels { get; init; } = InChannels > 0 ? InChannels
        : throw new ArgumentOutOfRangeException(nameof(InChannels), InChannels, "InChannels must be positive.");

    /// <summary>K: channels of the output (positive).</summary>
    public int OutChannels { get; init; } = OutChannels > 0 ? OutChannels
        : throw new ArgumentOutOfRangeException(nameof(OutChannels), OutChannels, "OutChannels must be positive.");

    /// <summary>KH x KW (both positive).</summary>
    public Size2d KernelSize { get; init; } = Positive(KernelSize, nameof(KernelSize));

    /// <summary>Step between output positions (both positive); default 1.</summary>
    public Size2d Stride { get => _stride; init => _stride = Positive(value, nameof(Stride)); }

    /// <summary>Zeros added on each side (non-negative); default 0.</summary>
    public Size2d Padding
    {
        get => _padding;
        init => _padding = value.Height >= 0 && value.Width >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(Padding), value, "Padding must be non-negative.");
    }

    /// <summary>Spacing between kernel taps (both positive); default 1.</summary>
    public Size2d Dilation { get => _dilation; init => _dilation = Positive(value, nameof(Dilation)); }

    /// <summary>Channel groups convolved independently; must divide both channel counts. Default 1.</summary>
    public int Groups
    {
        get => _groups;
        init => _groups = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Groups), value, "Groups must be positive.");
    }

    /// <summary>Whether the layer learns a bias per output channel; default true.</summary>
    public bool Bias { get; init; } = true;

    /// <summary>Checks the constraints between options (groups dividing the channels).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Groups does not divide InChannels or OutChannels.</exception>
    public Conv2dOptions Validate()
    {
        if (InChannels % Groups != 0 || OutChannels % Groups != 0)
            throw new ArgumentOutOfRangeException(nameof(Groups), Groups,
                $"Groups ({Groups}) must divide InChannels ({InChannels}) and OutChannels ({OutChannels}).");
        return this;
    }

    private static Size2d Positive(Size2d value, string name) =>
        value.Height > 0 && value.Width > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
