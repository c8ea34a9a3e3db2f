namespace DeepSharp.Backends.Cpu;

/// <summary>Random fills of contiguous host storage, one draw per element in row-major order, so a
/// seed gives the same numbers on every host backend (and the same as before the backend seam).</summary>
internal static class HostRandom
{
    public static void Uniform(StorageView dst, double low, double high, IRandomSource rng)
    {
        switch (dst.DType)
        {
            case DType.Float32: foreach (ref float v in dst.Span<float>()) v = (float)(low + (high - low) * rng.NextDouble()); break;
            case DType.Float64: foreach (ref double v in dst.Span<double>()) v = low + (high - low) * rng.NextDouble(); break;
            default: foreach (ref int v in dst.Span<int>()) v = (int)(low + (high - low) * rng.NextDouble()); break;
        }
    }

    public static void Normal(StorageView dst, double mean, double std, IRandomSource rng)
    {
        switch (dst.DType)
        {
            case DType.Float32: foreach (ref float v in dst.Span<float>()) v = (float)(mean + std * rng.NextGaussian()); break;
            case DType.Float64: foreach (ref double v in dst.Span<double>()) v = mean + std * rng.NextGaussian(); break;
            default: foreach (ref int v in dst.Span<int>()) v = (int)(mean + std * rng.NextGaussian()); break;
        }
    }

    public static void BernoulliMask(StorageView dst, double p, double scale, IRandomSource rng)
    {
        if (CpuBackend.IsSingle(dst.DType, "BernoulliMask"))
            foreach (ref float v in dst.Span<float>()) v = rng.NextDouble() >= p ? (float)scale : 0f;
        else
            foreach (ref double v in dst.Span<double>()) v = rng.NextDouble() >= p ? scale : 0;
    }
}
