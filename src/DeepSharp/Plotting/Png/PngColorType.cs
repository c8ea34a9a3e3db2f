namespace DeepSharp.Plotting;

/// <summary>PNG colour types supported by <see cref="PngEncoder"/> and <see cref="PngDecoder"/>
/// (8 bits per sample). The values are the colour-type codes of the PNG specification.</summary>
public enum PngColorType : byte
{
    /// <summary>One gray sample per pixel.</summary>
    Grayscale = 0,
    /// <summary>Red, green, blue samples per pixel.</summary>
    Rgb = 2,
    /// <summary>Gray and alpha samples per pixel.</summary>
    GrayscaleAlpha = 4,
    /// <summary>Red, green, blue, alpha samples per pixel.</summary>
    Rgba = 6,
}
