namespace DeepSharp.Plotting;

/// <summary>One chunk of a PNG file, as read by <see cref="PngDecoder.ReadChunks"/>; its CRC has been verified.</summary>
/// <param name="Type">The four-letter chunk type, e.g. <c>IHDR</c>.</param>
/// <param name="Data">The chunk's data bytes.</param>
public sealed record PngChunk(string Type, byte[] Data);
