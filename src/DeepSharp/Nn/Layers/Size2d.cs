using System.Globalization;

namespace DeepSharp.Nn;

/// <summary>A height and a width (kernel size, stride, padding, dilation, output size). An int
/// converts to a square size and a tuple to (height, width): <c>Size2d k = 5;</c>, <c>Size2d s = (2, 1);</c>.</summary>
/// <param name="Height">Along the rows.</param>
/// <param name="Width">Along the columns.</param>
public readonly record struct Size2d(int Height, int Width)
{
    /// <summary>A square size.</summary>
    public static implicit operator Size2d(int size) => new(size, size);

    /// <summary>A (height, width) pair.</summary>
    public static implicit operator Size2d((int Height, int Width) size) => new(size.Height, size.Width);

    /// <summary>Formats as <c>5x5</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Height}x{Width}");

    /// <summary>Formats as a tuple, <c>(2, 2)</c>, the way messages show paddings and strides.</summary>
    internal string Pair => string.Create(CultureInfo.InvariantCulture, $"({Height}, {Width})");
}
