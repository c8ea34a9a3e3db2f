namespace DeepSharp.Classic;

/// <summary>Settings of <see cref="HopfieldCapacity.Measure"/>. Invalid values throw
/// <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record HopfieldCapacityOptions
{
    /// <summary>Units N of each network. Default 200.</summary>
    public int Units
    {
        get;
        init => field = Check.Positive(value, nameof(Units));
    } = 200;

    /// <summary>The pattern counts p to try (each at least 1). Default: loads p/N of 0.05 to 0.25 for N = 200.</summary>
    public IReadOnlyList<int> PatternCounts
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(PatternCounts));
            if (value.Count == 0 || value.Any(p => p < 1))
                throw new ArgumentOutOfRangeException(nameof(PatternCounts), $"{nameof(PatternCounts)} must be a non-empty list of positive counts, got [{string.Join(", ", value)}].");
            field = [.. value];
        }
    } = [10, 16, 20, 24, 28, 32, 40, 50];

    /// <summary>Fraction of units flipped in each probe. Default 0.1.</summary>
    public double NoiseFraction
    {
        get;
        init => field = Check.Probability(value, nameof(NoiseFraction));
    } = 0.1;

    /// <summary>Independent networks (fresh random patterns) per pattern count. Default 5.</summary>
    public int Trials
    {
        get;
        init => field = Check.Positive(value, nameof(Trials));
    } = 5;

    /// <summary>The most stored patterns probed per network (all when fewer are stored). Default 20.</summary>
    public int ProbesPerNetwork
    {
        get;
        init => field = Check.Positive(value, nameof(ProbesPerNetwork));
    } = 20;

    /// <summary>The most asynchronous sweeps per recall. Default 50.</summary>
    public int MaxSweeps
    {
        get;
        init => field = Check.Positive(value, nameof(MaxSweeps));
    } = 50;

    /// <summary>The storage rule. Default Hebbian.</summary>
    public HopfieldLearningRule Rule
    {
        get;
        init => field = Enum.IsDefined(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(Rule), value, $"{nameof(Rule)} must be Hebbian or PseudoInverse, got {value}.");
    } = HopfieldLearningRule.Hebbian;

    /// <summary>Seed of the patterns, the noise and the update order. Default 0.</summary>
    public ulong Seed { get; init; }
}
