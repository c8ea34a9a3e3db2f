namespace DeepSharp.Backends.Reference;

// One draw per element in row-major order of dst, so a seed gives the same numbers as on every
// other host backend (the contract of IRandomSource).
public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void Uniform(StorageView dst, double low, double high, IRandomSource rng)
    {
        var values = new double[dst.Numel];
        for (int i = 0; i < values.Length; i++) values[i] = low + (high - low) * rng.NextDouble();
        StridedElements.Write(dst, values);
    }

    /// <inheritdoc/>
    public void Normal(StorageView dst, double mean, double std, IRandomSource rng)
    {
        var values = new double[dst.Numel];
        for (int i = 0; i < values.Length; i++) values[i] = mean + std * rng.NextGaussian();
        StridedElements.Write(dst, values);
    }

    /// <inheritdoc/>
    public void BernoulliMask(StorageView dst, double p, double scale, IRandomSource rng)
    {
        RequireFloat(dst.DType, "BernoulliMask");
        var values = new double[dst.Numel];
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextDouble() >= p ? scale : 0;
        StridedElements.Write(dst, values);
    }
}
