using System.Numerics;

namespace DeepSharp.Backends.Cpu;

/// <summary>
/// The naive direct 2-D convolution (seven nested loops, double accumulation) and its two
/// gradients. Slow and obviously correct: the oracle <see cref="Conv2dKernel"/> is tested against.
/// </summary>
/// <remarks>input (N, C, H, W), weight (K, C/groups, KH, KW), bias (K) -> output (N, K, OH, OW).</remarks>
internal static class Conv2dReference
{
    /// <summary>output[n, k, y, x] = bias[k] + Σ_{c, i, j} weight[k, c, i, j] · input[n, g·C/groups + c, y·SH - PH + i·DH, x·SW - PW + j·DW].</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="weight">(K, C/groups, KH, KW).</param>
    /// <param name="bias">(K), or empty for no bias.</param>
    /// <param name="output">(N, K, OH, OW), overwritten.</param>
    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cg = g.GroupInChannels, kg = g.GroupOutChannels;
        for (int n = 0; n < g.Batch; n++)
            for (int k = 0; k < g.OutChannels; k++)
                for (int y = 0; y < g.OutHeight; y++)
                    for (int x = 0; x < g.OutWidth; x++)
                    {
                        double sum = bias.IsEmpty ? 0 : double.CreateTruncating(bias[k]);
                        for (int c = 0; c < cg; c++)
                            for (int i = 0; i < g.KernelHeight; i++)
                                for (int j = 0; j < g.KernelWidth; j++)
                                {
                                    int at = InputIndex(g, n, k / kg * cg + c, y, x, i, j);
                                    if (at >= 0)
                                        sum += double.CreateTruncating(weight[WeightIndex(g, k, c, i, j)]) * double.CreateTruncating(input[at]);
                                }
                        output[((n * g.OutChannels + k) * g.OutHeight + y) * g.OutWidth + x] = T.CreateTruncating(sum);
                    }
    }

    /// <summary>gradInput[n, c, h, w] = Σ over the outputs that read input[n, c, h, w] of gradOutput · weight.</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="gradOutput">(N, K, OH, OW).</param>
    /// <param name="weight">(K, C/groups, KH, KW).</param>
    /// <param name="gradInput">(N, C, H, W), overwritten.</param>
    public static void BackwardInput<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sums = new double[g.InputSize];
        int cg = g.GroupInChannels, kg = g.GroupOutChannels;
        for (int n = 0; n < g.Batch; n++)
            for (int k = 0; k < g.OutChannels; k++)
                for (int y = 0; y < g.OutHeight; y++)
                    for (int x = 0; x < g.OutWidth; x++)
                    {
                        double go = double.CreateTruncating(gradOutput[((n * g.OutChannels + k) * g.OutHeight + y) * g.OutWidth + x]);
                        for (int c = 0; c < cg; c++)
                            for (int i = 0; i < g.KernelHeight; i++)
                                for (int j = 0; j < g.KernelWidth; j++)
                                {
                                    int at = InputIndex(g, n, k / kg * cg + c, y, x, i, j);
                                    if (at >= 0) sums[at] += go * double.CreateTruncating(weight[WeightIndex(g, k, c, i, j)]);
                                }
                    }
        for (int e = 0; e < sums.Length; e++) gradInput[e] = T.CreateTruncating(sums[e]);
    }

    /// <summary>gradWeight[k, c, i, j] = Σ_{n, y, x} gradOutput[n, k, y, x] · input at the tap; gradBias[k] = Σ_{n, y, x} gradOutput[n, k, y, x].</summary>
    /// <param name="g">The geometry.</param>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="gradOutput">(N, K, OH, OW).</param>
    /// <param name="gradWeight">(K, C/groups, KH, KW), overwritten.</param>
    /// <param name="gradBias">(K), overwritten; empty to skip.</param>
    public static void BackwardWeight<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, Span<T> gradBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cg = g.GroupInChannels, kg = g.GroupOutChannels;
        for (int k = 0; k < g.OutChannels; k++)
        {
            double biasSum = 0;
            for (int c = 0; c < cg; c++)
                for (int i = 0; i < g.KernelHeight; i++)
                    for (int j = 0; j < g.KernelWidth; j++)
                    {
                        double sum = 0;
                        for (int n = 0; n < g.Batch; n++)
                            for (int y = 0; y < g.OutHeight; y++)
                                for (int x = 0; x < g.OutWidth; x++)
                                {
                                    int at = InputIndex(g, n, k / kg * cg + c, y, x, i, j);
                                    if (at >= 0)
                                        sum += double.CreateTruncating(gradOutput[((n * g.OutChannels + k) * g.OutHeight + y) * g.OutWidth + x])
                                            * double.CreateTruncating(input[at]);
                                }
                        gradWeight[WeightIndex(g, k, c, i, j)] = T.CreateTruncating(sum);
                    }
            if (gradBias.IsEmpty) continue;
            for (int n = 0; n < g.Batch; n++)
                for (int e = 0; e < g.ColCols; e++)
                    biasSum += double.CreateTruncating(gradOutput[(n * g.OutChannels + k) * g.ColCols + e]);
            gradBias[k] = T.CreateTruncating(biasSum);
        }
    }

    /// <summary>Flat index of the input element tap (i, j) of output (y, x) reads, or -1 in the padding.</summary>
    private static int InputIndex(in Conv2dGeometry g, int n, int channel, int y, int x, int i, int j)
    {
        int ih = y * g.StrideHeight - g.PadHeight + i * g.DilationHeight;
        int iw = x * g.StrideWidth - g.PadWidth + j * g.DilationWidth;
        if ((uint)ih >= (uint)g.InHeight || (uint)iw >= (uint)g.InWidth) return -1;
        return ((n * g.InChannels + channel) * g.InHeight + ih) * g.InWidth + iw;
    }

    private static int WeightIndex(in Conv2dGeometry g, int k, int c, int i, int j) =>
        ((k * g.GroupInChannels + c) * g.KernelHeight + i) * g.KernelWidth + j;
}
