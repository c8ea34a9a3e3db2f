namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <inheritdoc/>
    public void MaxPool2d(in Pool2dGeometry g, StorageView x, StorageView y)
    {
        const string name = "MaxPool2d";
        var a = new PoolArgs(g, false);
        if (IsSingle(x.DType, name)) Launch(PoolKernels.MaxForward<float, F32>, g.OutputSize, Dense<float>(x, name), Dense<float>(y, name), a);
        else Launch(PoolKernels.MaxForward<double, F64>, g.OutputSize, Dense<double>(x, name), Dense<double>(y, name), a);
    }

    /// <inheritdoc/>
    public void MaxPool2dBackward(in Pool2dGeometry g, StorageView x, StorageView y, StorageView gy, StorageView gx)
    {
        const string name = "MaxPool2dBackward";
        var a = new PoolArgs(g, false);
        if (IsSingle(x.DType, name))
            Launch(PoolKernels.MaxBackward<float, F32>, g.InputSize, Dense<float>(x, name), Dense<float>(y, name), Dense<float>(gy, name), Dense<float>(gx, name), a);
        else
            Launch(PoolKernels.MaxBackward<double, F64>, g.InputSize, Dense<double>(x, name), Dense<double>(y, name), Dense<double>(gy, name), Dense<double>(gx, name), a);
    }

    /// <inheritdoc/>
    public void AvgPool2d(in Pool2dGeometry g, StorageView x, StorageView y, bool countIncludePad)
    {
        const string name = "AvgPool2d";
        var a = new PoolArgs(g, countIncludePad);
        if (IsSingle(x.DType, name)) Launch(PoolKernels.AvgForward<float, F32>, g.OutputSize, Dense<float>(x, name), Dense<float>(y, name), a);
        else Launch(PoolKernels.AvgForward<double, F64>, g.OutputSize, Dense<double>(x, name), Dense<double>(y, name), a);
    }

    /// <inheritdoc/>
    public void AvgPool2dBackward(in Pool2dGeometry g, StorageView gy, StorageView gx, bool countIncludePad)
    {
        const string name = "AvgPool2dBackward";
        var a = new PoolArgs(g, countIncludePad);
        if (IsSingle(gy.DType, name)) Launch(PoolKernels.AvgBackward<float, F32>, g.InputSize, Dense<float>(gy, name), Dense<float>(gx, name), a);
        else Launch(PoolKernels.AvgBackward<double, F64>, g.InputSize, Dense<double>(gy, name), Dense<double>(gx, name), a);
    }

    /// <inheritdoc/>
    public void AdaptiveAvgPool2d(in AdaptivePool2dGeometry g, StorageView x, StorageView y)
    {
        const string name = "AdaptiveAvgPool2d";
        var a = new PoolArgs(g);
        int n = g.Planes * g.OutHeight * g.OutWidth;
        if (IsSingle(x.DType, name)) Launch(PoolKernels.AdaptiveForward<float, F32>, n, Dense<float>(x, name), Dense<float>(y, name), a);
        else Launch(PoolKernels.AdaptiveForward<double, F64>, n, Dense<double>(x, name), Dense<double>(y, name), a);
    }

    /// <inheritdoc/>
    public void AdaptiveAvgPool2dBackward(in AdaptivePool2dGeometry g, StorageView gy, StorageView gx)
    {
        const string name = "AdaptiveAvgPool2dBackward";
        var a = new PoolArgs(g);
        int n = g.Planes * g.InHeight * g.InWidth;
        if (IsSingle(gy.DType, name)) Launch(PoolKernels.AdaptiveBackward<float, F32>, n, Dense<float>(gy, name), Dense<float>(gx, name), a);
        else Launch(PoolKernels.AdaptiveBackward<double, F64>, n, Dense<double>(gy, name), Dense<double>(gx, name), a);
    }
}
