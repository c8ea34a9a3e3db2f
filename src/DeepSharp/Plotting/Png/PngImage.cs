namespace DeepSharp.Plotting;

/// <summary>A decoded 8-bit PNG image: <paramref name="Pixels"/> holds <paramref name="Height"/>
/// rows of <paramref name="Width"/> pixels, each <see cref="Channels"/> bytes, no padding.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="ColorType">The colour type stored in the file.</param>
/// <param name="Pixels">Row-major samples, top row first.</param>
public sealed record PngImage(int Width, int Height, PngColorType ColorType, byte[] Pixels)
{
    /// <summary>Samples per pixel of <see cref="ColorType"/>.</summary>
    public int Channels => PngEncoder.ChannelsOf(ColorType);
}
