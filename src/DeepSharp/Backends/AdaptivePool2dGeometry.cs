namespace DeepSharp.Backends;

/// <summary>Adaptive pooling of Planes = N·C planes of H x W to OH x OW: output (i, j) covers input
/// rows [⌊i·H/OH⌋, ⌈(i+1)·H/OH⌉) and the matching columns, as in PyTorch.</summary>
/// <param name="Planes">N · C.</param>
/// <param name="InHeight">H (positive).</param>
/// <param name="InWidth">W (positive).</param>
/// <param name="OutHeight">OH (positive).</param>
/// <param name="OutWidth">OW (positive).</param>
public readonly record struct AdaptivePool2dGeometry(int Planes, int InHeight, int InWidth, int OutHeight, int OutWidth);
