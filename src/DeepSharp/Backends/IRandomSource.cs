namespace DeepSharp.Backends;

/// <summary>The random stream a backend draws from (the core's seeded generator implements it).
/// Host backends draw element by element in row-major order, so a seed gives the same numbers on
/// every host backend; a GPU backend may instead seed its own generator from <see cref="NextUInt64"/>.</summary>
public interface IRandomSource
{
    /// <summary>64 uniformly random bits.</summary>
    ulong NextUInt64();

    /// <summary>Uniform in [0, 1).</summary>
    double NextDouble();

    /// <summary>Standard normal (mean 0, variance 1).</summary>
    double NextGaussian();
}
