namespace DeepSharp.Backends.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public void Uniform(StorageView dst, double low, double high, IRandomSource rng) => HostRandom.Uniform(dst, low, high, rng);

    /// <inheritdoc/>
    public void Normal(StorageView dst, double mean, double std, IRandomSource rng) => HostRandom.Normal(dst, mean, std, rng);

    /// <inheritdoc/>
    public void BernoulliMask(StorageView dst, double p, double scale, IRandomSource rng) => HostRandom.BernoulliMask(dst, p, scale, rng);
}
