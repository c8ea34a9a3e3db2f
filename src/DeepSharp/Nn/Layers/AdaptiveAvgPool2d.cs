using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Average pooling to a fixed output size whatever the input size (PyTorch's windows).</summary>
/// <remarks>input (N, C, H, W) -> output (N, C, OH, OW); no parameters.</remarks>
public sealed class AdaptiveAvgPool2d : Module
{
    /// <summary>Creates the layer: <c>new AdaptiveAvgPool2d(1)</c> is global average pooling.</summary>
    /// <param name="outputSize">OH x OW, both positive.</param>
    public AdaptiveAvgPool2d(Size2d outputSize)
    {
        if (outputSize.Height <= 0 || outputSize.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "outputSize must be positive.");
        OutputSize = outputSize;
    }

    /// <summary>OH x OW.</summary>
    public Size2d OutputSize { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => ConvFunctional.AdaptiveAvgPool2d(input, OutputSize);

    /// <summary><c>AdaptiveAvgPool2d(1x1)</c>.</summary>
    public override string ToString() => $"AdaptiveAvgPool2d({OutputSize})";
}
