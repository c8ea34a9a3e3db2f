namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    // Random fills draw on the host from the core's seeded generator, element by element in
    // row-major order as the host backends do, and copy the result to the device: a seed gives
    // the CPU backend's numbers exactly (so a model initialized on the GPU equals one initialized
    // on the CPU). The cost is one host-to-device copy per fill.

    /// <inheritdoc/>
    public void Uniform(StorageView dst, double low, double high, IRandomSource rng)
    {
        switch (dst.DType)
        {
            case DType.Float32: Upload(dst, Draw(dst.Numel, () => (float)(low + (high - low) * rng.NextDouble()))); break;
            case DType.Float64: Upload(dst, Draw(dst.Numel, () => low + (high - low) * rng.NextDouble())); break;
            default: Upload(dst, Draw(dst.Numel, () => (int)(low + (high - low) * rng.NextDouble()))); break;
        }
    }

    /// <inheritdoc/>
    public void Normal(StorageView dst, double mean, double std, IRandomSource rng)
    {
        switch (dst.DType)
        {
            case DType.Float32: Upload(dst, Draw(dst.Numel, () => (float)(mean + std * rng.NextGaussian()))); break;
            case DType.Float64: Upload(dst, Draw(dst.Numel, () => mean + std * rng.NextGaussian())); break;
            default: Upload(dst, Draw(dst.Numel, () => (int)(mean + std * rng.NextGaussian()))); break;
        }
    }

    /// <inheritdoc/>
    public void BernoulliMask(StorageView dst, double p, double scale, IRandomSource rng)
    {
        if (IsSingle(dst.DType, "BernoulliMask"))
            Upload(dst, Draw(dst.Numel, () => rng.NextDouble() >= p ? (float)scale : 0f));
        else
            Upload(dst, Draw(dst.Numel, () => rng.NextDouble() >= p ? scale : 0));
    }

    private static T[] Draw<T>(int n, Func<T> next)
    {
        var values = new T[n];
        for (int i = 0; i < n; i++) values[i] = next();
        return values;
    }

    private void Upload<T>(StorageView dst, T[] values) where T : unmanaged
    {
        if (dst.IsContiguous)
        {
            CopyFromHost<T>(values, dst.Storage, dst.Offset);
            return;
        }
        var dense = StorageView.Contiguous(Allocate(dst.DType, values.Length), dst.Shape.ToArray());
        CopyFromHost<T>(values, dense.Storage, 0);
        Copy(dense, dst);
    }
}
