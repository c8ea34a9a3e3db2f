namespace DeepSharp.Classic;

/// <summary>What the Gibbs chain of <see cref="ContrastiveDivergence"/> passes between layers.</summary>
public enum RbmSampling
{
    /// <summary>Binary samples: hidden and visible states are drawn from their Bernoulli
    /// probabilities at every step; the statistics use the data and p(h | v) (Hinton's recipe).</summary>
    Stochastic,

    /// <summary>Probabilities everywhere (no sampling): deterministic, a biased "mean-field" CD used
    /// to check the update by hand and for debugging.</summary>
    MeanField,
}
