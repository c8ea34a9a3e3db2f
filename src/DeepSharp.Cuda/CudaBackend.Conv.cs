namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <summary>Most elements of one im2col buffer; a batch is processed in runs of images that fit.</summary>
    private const int MaxColumnElements = 1 << 24;

    private static int ImagesPerRun(in Conv2dGeometry g) =>
        Math.Max(1, Math.Min(g.Batch, MaxColumnElements / Math.Max(1, g.InChannels * g.KernelHeight * g.KernelWidth * g.ColCols)));

    /// <inheritdoc/>
    public void Conv2d(in Conv2dGeometry g, StorageView x, StorageView w, StorageView? bias, Activation activation, StorageView y)
    {
        const string name = "Conv2d";
        bool single = IsSingle(x.DType, name);
        if (g.OutputSize == 0) return;
        var a = new ConvArgs(g);
        int run = ImagesPerRun(g), kg = g.GroupOutChannels, rowsG = g.ColRows, cols = g.ColCols, rowsAll = a.Rows;
        var col = Scratch(x.DType, run * rowsAll * cols);
        for (int first = 0; first < g.Batch; first += run)
        {
            int images = Math.Min(run, g.Batch - first);
            Im2Col(single, x, col, a, first, images * rowsAll * cols);
            for (int grp = 0; grp < g.Groups; grp++)
            {
                // y[n, grp·kg + r, p] = Σ_q w[grp·kg + r, q] · col[n, grp·rowsG + q, p] (+ bias, act)
                var args = new GemmArgs(kg, cols, rowsG, rowsG, 1, cols, 1, cols,
                    bias is null ? 0 : 2, (bias?.Offset ?? 0) + grp * kg, (int)activation, 0,
                    new Shape6(images, 1, 1, 1, 1, 1),
                    new Strides6(w.Offset + grp * kg * rowsG, 0, 0, 0, 0, 0, 0),
                    new Strides6(col.Offset + grp * rowsG * cols, rowsAll * cols, 0, 0, 0, 0, 0),
                    new Strides6(y.Offset + (first * g.OutChannels + grp * kg) * cols, g.OutChannels * cols, 0, 0, 0, 0, 0));
                Gemm(w, col, y, bias, args, images);
            }
        }
        GC.KeepAlive(col.Storage);
    }

    /// <inheritdoc/>
    public void Conv2dBackwardInput(in Conv2dGeometry g, StorageView gy, StorageView w, StorageView gx)
    {
        const string name = "Conv2dBackwardInput";
        bool single = IsSingle(gy.DType, name);
        if (g.InputSize == 0) return;
        var a = new ConvArgs(g);
        int run = ImagesPerRun(g), kg = g.GroupOutChannels, rowsG = g.ColRows, cols = g.ColCols, rowsAll = a.Rows;
        var col = Scratch(gy.DType, run * rowsAll * cols);
        for (int first = 0; first < g.Batch; first += run)
        {
            int images = Math.Min(run, g.Batch - first);
            for (int grp = 0; grp < g.Groups; grp++)
            {
                // col[n, grp·rowsG + q, p] = Σ_r w[grp·kg + r, q] · gy[n, grp·kg + r, p]
                var args = new GemmArgs(rowsG, cols, kg, 1, rowsG, cols, 1, cols, 0, 0, (int)Activation.None, 0,
                    new Shape6(images, 1, 1, 1, 1, 1),
                    new Strides6(w.Offset + grp * kg * rowsG, 0, 0, 0, 0, 0, 0),
                    new Strides6(gy.Offset + (first * g.OutChannels + grp * kg) * cols, g.OutChannels * cols, 0, 0, 0, 0, 0),
                    new Strides6(col.Offset + grp * rowsG * cols, rowsAll * cols, 0, 0, 0, 0, 0));
                Gemm(w, gy, col, null, args, images);
            }
            int n = images * g.InImageSize;
            if (single) Launch(ConvKernels.Col2Im<float, F32>, n, Dense<float>(col, name), Dense<float>(gx, name), a, first);
            else Launch(ConvKernels.Col2Im<double, F64>, n, Dense<double>(col, name), Dense<double>(gx, name), a, first);
        }
        GC.KeepAlive(col.Storage);
    }

    /// <inheritdoc/>
    public void Conv2dBackwardWeight(in Conv2dGeometry g, StorageView x, StorageView gy, StorageView gw, StorageView? gb)
    {
        const string name = "Conv2dBackwardWeight";
        bool single = IsSingle(gy.DType, name);
        if (g.Batch == 0 || g.ColCols == 0) Fill(gw, 0);
        if (gb is { } bias)
        {
            if (single) Launch(ConvKernels.BiasGrad<float, F32>, g.OutChannels, Dense<float>(gy, name), Dense<float>(bias, name), g.Batch, g.OutChannels, g.ColCols);
            else Launch(ConvKernels.BiasGrad<double, F64>, g.OutChannels, Dense<double>(gy, name), Dense<double>(bias, name), g.Batch, g.OutChannels, g.ColCols);
        }
        if (g.Batch == 0 || g.ColCols == 0) return;
        var a = new ConvArgs(g);
        int run = ImagesPerRun(g), kg = g.GroupOutChannels, rowsG = g.ColRows, cols = g.ColCols, rowsAll = a.Rows;
        var col = Scratch(x.DType, run * rowsAll * cols);
        for (int first = 0; first < g.Batch; first += run)
        {
            int images = Math.Min(run, g.Batch - first);
            Im2Col(single, x, col, a, first, images * rowsAll * cols);
            for (int local = 0; local < images; local++)
                for (int grp = 0; grp < g.Groups; grp++)
                {
                    // gw[grp·kg + r, q] (+)= Σ_p gy[n, grp·kg + r, p] · col[n, grp·rowsG + q, p], image after image
                    int image = first + local;
                    var args = new GemmArgs(kg, rowsG, cols, cols, 1, 1, cols, rowsG, 0, 0, (int)Activation.None, image == 0 ? 0 : 1,
                        Single(),
                        Offsets(gy.Offset + (image * g.OutChannels + grp * kg) * cols),
                        Offsets(col.Offset + (local * rowsAll + grp * rowsG) * cols),
                        Offsets(gw.Offset + grp * kg * rowsG));
                    Gemm(gy, col, gw, null, args, 1);
                }
        }
        GC.KeepAlive(col.Storage);
    }

    private void Im2Col(bool single, StorageView x, StorageView col, in ConvArgs a, int first, int n)
    {
        if (single) Launch(ConvKernels.Im2Col<float, F32>, n, Dense<float>(x, "Conv2d"), Dense<float>(col, "Conv2d"), a, first);
        else Launch(ConvKernels.Im2Col<double, F64>, n, Dense<double>(x, "Conv2d"), Dense<double>(col, "Conv2d"), a, first);
    }
}
