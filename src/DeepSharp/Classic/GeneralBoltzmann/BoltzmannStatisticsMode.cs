namespace DeepSharp.Classic;

/// <summary>How <see cref="BoltzmannLearning"/> estimates the clamped and free expectations.</summary>
public enum BoltzmannStatisticsMode
{
    /// <summary>By Gibbs sampling after annealing, as Hinton and Sejnowski's machine did (any size).</summary>
    Sampled,

    /// <summary>By enumerating every state (at most 20 units; exact, for small machines and tests).</summary>
    Exact,
}
