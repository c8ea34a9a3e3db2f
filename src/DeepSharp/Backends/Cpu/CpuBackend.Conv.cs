namespace DeepSharp.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void Conv2d(in Conv2dGeometry g, StorageView x, StorageView w, StorageView? bias, Activation activation, StorageView y)
    {
        if (IsSingle(x.DType, "Conv2d"))
            Conv2dKernel.Forward<float>(g, x.Span<float>(), w.Span<float>(), bias is { } b ? b.Span<float>() : default, y.Span<float>(), activation);
        else
            Conv2dKernel.Forward<double>(g, x.Span<double>(), w.Span<double>(), bias is { } b ? b.Span<double>() : default, y.Span<double>(), activation);
    }

    /// <inheritdoc/>
    public void Conv2dBackwardInput(in Conv2dGeometry g, StorageView gy, StorageView w, StorageView gx)
    {
        if (IsSingle(gy.DType, "Conv2d"))
            Conv2dKernel.BackwardInput<float>(g, gy.Span<float>(), w.Span<float>(), gx.Span<float>());
        else
            Conv2dKernel.BackwardInput<double>(g, gy.Span<double>(), w.Span<double>(), gx.Span<double>());
    }

    /// <inheritdoc/>
    public void Conv2dBackwardWeight(in Conv2dGeometry g, StorageView x, StorageView gy, StorageView gw, StorageView? gb)
    {
        if (IsSingle(gy.DType, "Conv2d"))
            Conv2dKernel.BackwardWeight<float>(g, x.Span<float>(), gy.Span<float>(), gw.Span<float>(), gb is { } b ? b.Span<float>() : default);
        else
            Conv2dKernel.BackwardWeight<double>(g, x.Span<double>(), gy.Span<double>(), gw.Span<double>(), gb is { } b ? b.Span<double>() : default);
    }

    /// <inheritdoc/>
    public void MaxPool2d(in Pool2dGeometry g, StorageView x, StorageView y)
    {
        if (IsSingle(x.DType, "MaxPool2d"))
            Pool2dKernel.MaxForward<float>(g, x.Span<float>(), y.Span<float>());
        else
            Pool2dKernel.MaxForward<double>(g, x.Span<double>(), y.Span<double>());
    }

    /// <inheritdoc/>
    public void MaxPool2dBackward(in Pool2dGeometry g, StorageView x, StorageView y, StorageView gy, StorageView gx)
    {
        if (IsSingle(x.DType, "MaxPool2d"))
            Pool2dKernel.MaxBackward<float>(g, x.Span<float>(), y.Span<float>(), gy.Span<float>(), gx.Span<float>());
        else
            Pool2dKernel.MaxBackward<double>(g, x.Span<double>(), y.Span<double>(), gy.Span<double>(), gx.Span<double>());
    }

    /// <inheritdoc/>
    public void AvgPool2d(in Pool2dGeometry g, StorageView x, StorageView y, bool countIncludePad)
    {
        if (IsSingle(x.DType, "AvgPool2d"))
            Pool2dKernel.AvgForward<float>(g, x.Span<float>(), y.Span<float>(), countIncludePad);
        else
            Pool2dKernel.AvgForward<double>(g, x.Span<double>(), y.Span<double>(), countIncludePad);
    }

    /// <inheritdoc/>
    public void AvgPool2dBackward(in Pool2dGeometry g, StorageView gy, StorageView gx, bool countIncludePad)
    {
        if (IsSingle(gy.DType, "AvgPool2d"))
            Pool2dKernel.AvgBackward<float>(g, gy.Span<float>(), gx.Span<float>(), countIncludePad);
        else
            Pool2dKernel.AvgBackward<double>(g, gy.Span<double>(), gx.Span<double>(), countIncludePad);
    }

    /// <inheritdoc/>
    public void AdaptiveAvgPool2d(in AdaptivePool2dGeometry g, StorageView x, StorageView y)
    {
        if (IsSingle(x.DType, "AdaptiveAvgPool2d"))
            Pool2dKernel.AdaptiveAvgForward<float>(g.Planes, g.InHeight, g.InWidth, g.OutHeight, g.OutWidth, x.Span<float>(), y.Span<float>());
        else
            Pool2dKernel.AdaptiveAvgForward<double>(g.Planes, g.InHeight, g.InWidth, g.OutHeight, g.OutWidth, x.Span<double>(), y.Span<double>());
    }

    /// <inheritdoc/>
    public void AdaptiveAvgPool2dBackward(in AdaptivePool2dGeometry g, StorageView gy, StorageView gx)
    {
        if (IsSingle(gy.DType, "AdaptiveAvgPool2d"))
            Pool2dKernel.AdaptiveAvgBackward<float>(g.Planes, g.InHeight, g.InWidth, g.OutHeight, g.OutWidth, gy.Span<float>(), gx.Span<float>());
        else
            Pool2dKernel.AdaptiveAvgBackward<double>(g.Planes, g.InHeight, g.InWidth, g.OutHeight, g.OutWidth, gy.Span<double>(), gx.Span<double>());
    }
}
