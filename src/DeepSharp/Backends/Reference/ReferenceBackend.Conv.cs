namespace DeepSharp.Backends.Reference;

// Direct convolution, written as its definition:
// y[n, k, oy, ox] = bias[k] + Σ_{c, i, j} w[k, c, i, j] · x[n, group(k)·C/groups + c, oy·SH - PH + i·DH, ox·SW - PW + j·DW],
// with taps that fall in the padding contributing nothing.
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void Conv2d(in Conv2dGeometry g, StorageView x, StorageView w, StorageView? bias, Activation activation, StorageView y)
    {
        RequireFloat(x.DType, "Conv2d");
        double[] xs = StridedElements.Read(x), ws = StridedElements.Read(w);
        double[]? bs = bias is { } b ? StridedElements.Read(b) : null;
        var result = new double[g.OutputSize];
        for (int n = 0; n < g.Batch; n++)
            for (int k = 0; k < g.OutChannels; k++)
                for (int oy = 0; oy < g.OutHeight; oy++)
                    for (int ox = 0; ox < g.OutWidth; ox++)
                    {
                        double sum = bs is null ? 0 : bs[k];
                        for (int c = 0; c < g.GroupInChannels; c++)
                            for (int i = 0; i < g.KernelHeight; i++)
                                for (int j = 0; j < g.KernelWidth; j++)
                                {
                                    int at = InputTap(g, n, k, c, oy, ox, i, j);
                                    if (at >= 0) sum += ws[WeightAt(g, k, c, i, j)] * xs[at];
                                }
                        result[OutputAt(g, n, k, oy, ox)] = Activate(activation, sum);
                    }
        StridedElements.Write(y, result);
    }

    /// <inheritdoc/>
    public void Conv2dBackwardInput(in Conv2dGeometry g, StorageView gy, StorageView w, StorageView gx)
    {
        RequireFloat(gy.DType, "Conv2dBackwardInput");
        double[] gys = StridedElements.Read(gy), ws = StridedElements.Read(w);
        var result = new double[g.InputSize];
        // every tap that read x[at] sends back gy · w
        for (int n = 0; n < g.Batch; n++)
            for (int k = 0; k < g.OutChannels; k++)
                for (int oy = 0; oy < g.OutHeight; oy++)
                    for (int ox = 0; ox < g.OutWidth; ox++)
                    {
                        double grad = gys[OutputAt(g, n, k, oy, ox)];
                        for (int c = 0; c < g.GroupInChannels; c++)
                            for (int i = 0; i < g.KernelHeight; i++)
                                for (int j = 0; j < g.KernelWidth; j++)
                                {
                                    int at = InputTap(g, n, k, c, oy, ox, i, j);
                                    if (at >= 0) result[at] += grad * ws[WeightAt(g, k, c, i, j)];
                                }
                    }
        StridedElements.Write(gx, result);
    }

    /// <inheritdoc/>
    public void Conv2dBackwardWeight(in Conv2dGeometry g, StorageView x, StorageView gy, StorageView gw, StorageView? gb)
    {
        RequireFloat(gy.DType, "Conv2dBackwardWeight");
        double[] xs = StridedElements.Read(x), gys = StridedElements.Read(gy);
        var weightGrad = new double[g.WeightSize];
        var biasGrad = new double[g.OutChannels];
        for (int n = 0; n < g.Batch; n++)
            for (int k = 0; k < g.OutChannels; k++)
                for (int oy = 0; oy < g.OutHeight; oy++)
                    for (int ox = 0; ox < g.OutWidth; ox++)
                    {
                        double grad = gys[OutputAt(g, n, k, oy, ox)];
                        biasGrad[k] += grad;
                        for (int c = 0; c < g.GroupInChannels; c++)
                            for (int i = 0; i < g.KernelHeight; i++)
                                for (int j = 0; j < g.KernelWidth; j++)
                                {
                                    int at = InputTap(g, n, k, c, oy, ox, i, j);
                                    if (at >= 0) weightGrad[WeightAt(g, k, c, i, j)] += grad * xs[at];
                                }
                    }
        StridedElements.Write(gw, weightGrad);
        if (gb is { } b) StridedElements.Write(b, biasGrad);
    }

    /// <summary>Flat index into x (N, C, H, W) of the tap (i, j) that output (n, k, oy, ox) reads
    /// for input channel c of its group, or -1 when the tap is in the padding.</summary>
    private static int InputTap(in Conv2dGeometry g, int n, int k, int c, int oy, int ox, int i, int j)
    {
        int channel = k / g.GroupOutChannels * g.GroupInChannels + c;
        int iy = oy * g.StrideHeight - g.PadHeight + i * g.DilationHeight;
        int ix = ox * g.StrideWidth - g.PadWidth + j * g.DilationWidth;
        if (iy < 0 || iy >= g.InHeight || ix < 0 || ix >= g.InWidth) return -1;
        return ((n * g.InChannels + channel) * g.InHeight + iy) * g.InWidth + ix;
    }

    /// <summary>Flat index into w (K, C/groups, KH, KW).</summary>
    private static int WeightAt(in Conv2dGeometry g, int k, int c, int i, int j) =>
        ((k * g.GroupInChannels + c) * g.KernelHeight + i) * g.KernelWidth + j;

    /// <summary>Flat index into y (N, K, OH, OW).</summary>
    private static int OutputAt(in Conv2dGeometry g, int n, int k, int oy, int ox) =>
        ((n * g.OutChannels + k) * g.OutHeight + oy) * g.OutWidth + ox;
}
