namespace DeepSharp.Classic;

/// <summary>Options of <see cref="BoltzmannLearning.Train"/>. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record BoltzmannTrainingOptions
{
    /// <summary>Step size η of Δw_ij = η (⟨s_i s_j⟩_clamped − ⟨s_i s_j⟩_free), &gt; 0 (default 0.5).</summary>
    public double LearningRate { get; init => field = Check.Positive(value, nameof(LearningRate)); } = 0.5;

    /// <summary>Updates (each from the whole data set), 1..1,000,000 (default 200).</summary>
    public int Epochs
    {
        get;
        init => field = value is >= 1 and <= 1_000_000 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, $"Epochs must be in 1..1000000, got {value}.");
    } = 200;

    /// <summary>Exact enumeration or sampling (default sampled).</summary>
    public BoltzmannStatisticsMode Mode { get; init; } = BoltzmannStatisticsMode.Sampled;

    /// <summary>Sampled mode: the annealing run that brings each chain near equilibrium at T = 1 before statistics are collected.</summary>
    public AnnealingSchedule Annealing { get; init; } = new() { StartTemperature = 10, EndTemperature = 1, Sweeps = 10 };

    /// <summary>Sampled mode: sweeps at T = 1 whose states are averaged, per chain, 1..100,000 (default 10).</summary>
    public int SampleSweeps
    {
        get;
        init => field = value is >= 1 and <= 100_000 ? value : throw new ArgumentOutOfRangeException(nameof(SampleSweeps), value, $"SampleSweeps must be in 1..100000, got {value}.");
    } = 10;

    /// <summary>Sampled mode: chains run in the free phase per update, 1..100,000 (default 20).</summary>
    public int FreeChains
    {
        get;
        init => field = value is >= 1 and <= 100_000 ? value : throw new ArgumentOutOfRangeException(nameof(FreeChains), value, $"FreeChains must be in 1..100000, got {value}.");
    } = 20;

    /// <summary>Weight decay added to each step, −λ w (Hinton and Sejnowski used it to keep weights small), ≥ 0 (default 0).</summary>
    public double WeightDecay { get; init => field = Check.NonNegative(value, nameof(WeightDecay)); }
}
