namespace DeepSharp.Classic;

/// <summary>Training settings of <see cref="Perceptron"/> and <see cref="MulticlassPerceptron"/>.
/// Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record PerceptronOptions
{
    /// <summary>The step size η of the rule w ← w + η (d − y) x. Default 1.</summary>
    public float LearningRate
    {
        get;
        init => field = Check.Positive(value, nameof(LearningRate));
    } = 1f;

    /// <summary>The most epochs (passes over the data) before giving up. Default 100.</summary>
    public int MaxEpochs
    {
        get;
        init => field = Check.Positive(value, nameof(MaxEpochs));
    } = 100;

    /// <summary>The threshold unit (binary perceptron only; the multi-class perceptron uses arg max). Default <see cref="PerceptronActivation.Step"/>.</summary>
    public PerceptronActivation Activation
    {
        get;
        init => field = Enum.IsDefined(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(Activation), value, $"{nameof(Activation)} must be Step or Sign, got {value}.");
    } = PerceptronActivation.Step;

    /// <summary>Visit the samples in a fresh random order each epoch (seeded by <see cref="Seed"/>)
    /// instead of in the given order. Default false.</summary>
    public bool Shuffle { get; init; }

    /// <summary>Seed of the shuffling order. Default 0.</summary>
    public ulong Seed { get; init; }
}
