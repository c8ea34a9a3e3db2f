namespace DeepSharp.Classic;

/// <summary>How many points each gradient-descent update looks at.</summary>
public enum GradientDescentVariant
{
    /// <summary>All N points per update: one update per epoch.</summary>
    Batch,

    /// <summary>A shuffled mini-batch of B points per update: ⌈N / B⌉ updates per epoch.</summary>
    MiniBatch,

    /// <summary>One point per update (stochastic gradient descent): N updates per epoch.</summary>
    Stochastic,
}
