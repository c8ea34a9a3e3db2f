using System.Numerics;

namespace DeepSharp.Tensors;

/// <summary>
/// The one seeded random generator of DeepSharp: xoshiro256** seeded through SplitMix64.
/// The same seed gives the same sequence on every run and machine (no dependence on
/// <see cref="System.Random"/>'s implementation, which may change between runtimes).
/// </summary>
/// <remarks>Not thread-safe: give each thread its own generator (see <see cref="Fork"/>).</remarks>
public sealed class RandomGenerator : Backends.IRandomSource
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public RandomGenerator(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A process-wide default generator (seed 0), used when no generator is passed.
    /// Call <see cref="ManualSeed"/> to make code that relies on it reproducible.</summary>
    public static RandomGenerator Default { get; private set; } = new(0);

    /// <summary>Replaces <see cref="Default"/> with a generator seeded with <paramref name="seed"/>.</summary>
    public static void ManualSeed(ulong seed) => Default = new RandomGenerator(seed);

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform double in [low, high).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "maxExclusive must be positive.");
        ulong range = (ulong)maxExclusive;
        ulong x = NextUInt64() >> 32;
        ulong m = x * range;
        ulong low = m & 0xFFFFFFFFUL;
        if (low < range)
        {
            ulong threshold = (0x1_0000_0000UL - range) % range;
            while (low < threshold)
            {
                x = NextUInt64() >> 32;
                m = x * range;
                low = m & 0xFFFFFFFFUL;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>A uniform integer in [<paramref name="low"/>, <paramref name="highExclusive"/>).</summary>
    public int NextInt(int low, int highExclusive)
    {
        if (highExclusive <= low)
            throw new ArgumentOutOfRangeException(nameof(highExclusive), highExclusive, $"highExclusive must exceed low ({low}).");
        return low + NextInt(highExclusive - low);
    }

    /// <summary>A standard normal sample (Marsaglia's polar method; pairs are cached).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>A normal sample with the given mean and standard deviation.</summary>
    public double NextGaussian(double mean, double std) => mean + std * NextGaussian();

    /// <summary>Fills <paramref name="indices"/> with a uniformly random permutation of 0..n-1 (Fisher-Yates).</summary>
    public void Permutation(Span<int> indices)
    {
        for (int i = 0; i < indices.Length; i++) indices[i] = i;
        Shuffle(indices);
    }

    /// <summary>A new array holding a uniformly random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be non-negative.");
        var result = new int[n];
        Permutation(result);
        return result;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A new independent generator whose seed is drawn from this one.</summary>
    public RandomGenerator Fork() => new(NextUInt64());

    /// <summary>The full internal state, for checkpoints: four state words, the cached Gaussian
    /// (as its bit pattern) and whether it is present.</summary>
    public ulong[] GetState() =>
        [_s0, _s1, _s2, _s3, (ulong)BitConverter.DoubleToInt64Bits(_spareGaussian), _hasSpare ? 1UL : 0UL];

    /// <summary>Restores a state produced by <see cref="GetState"/>.</summary>
    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 6)
            throw new ArgumentException($"RandomGenerator state must have 6 words, got {state.Length}.", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("RandomGenerator state words cannot all be zero.", nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
        _spareGaussian = BitConverter.Int64BitsToDouble((long)state[4]);
        _hasSpare = state[5] != 0;
    }
}
