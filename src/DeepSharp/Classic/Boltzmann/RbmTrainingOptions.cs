namespace DeepSharp.Classic;

/// <summary>Settings of <see cref="ContrastiveDivergence"/>. Invalid values throw
/// <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record RbmTrainingOptions
{
    /// <summary>The learning rate η. Default 0.1.</summary>
    public float LearningRate
    {
        get;
        init => field = Check.Positive(value, nameof(LearningRate));
    } = 0.1f;

    /// <summary>Gibbs steps k of CD-k (and of each persistent-chain update). Default 1.</summary>
    public int CdSteps
    {
        get;
        init => field = Check.Positive(value, nameof(CdSteps));
    } = 1;

    /// <summary>Persistent CD (Tieleman 2008): the negative chains continue from where the previous
    /// update left them instead of restarting at the data. Default false.</summary>
    public bool Persistent { get; init; }

    /// <summary>Momentum μ in [0, 1): velocity ← μ velocity + η gradient. Default 0.</summary>
    public float Momentum
    {
        get;
        init => field = Check.UnitInterval(value, nameof(Momentum));
    }

    /// <summary>L2 weight decay λ: −λ W is added to the weight gradient (biases are not decayed). Default 0.</summary>
    public float WeightDecay
    {
        get;
        init => field = Check.NonNegative(value, nameof(WeightDecay));
    }

    /// <summary>Mini-batch size (also the number of persistent chains). Default 64.</summary>
    public int BatchSize
    {
        get;
        init => field = Check.Positive(value, nameof(BatchSize));
    } = 64;

    /// <summary>Epochs run by <see cref="ContrastiveDivergence.Fit"/>. Default 5.</summary>
    public int Epochs
    {
        get;
        init => field = Check.Positive(value, nameof(Epochs));
    } = 5;

    /// <summary>Visit the training rows in a new random order each epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Binary samples or probabilities in the chain. Default <see cref="RbmSampling.Stochastic"/>.</summary>
    public RbmSampling Sampling
    {
        get;
        init => field = Enum.IsDefined(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(Sampling), value, $"{nameof(Sampling)} must be Stochastic or MeanField, got {value}.");
    } = RbmSampling.Stochastic;
}
