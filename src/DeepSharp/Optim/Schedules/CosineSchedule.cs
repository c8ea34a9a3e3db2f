namespace DeepSharp.Optim;

/// <summary>
/// Cosine annealing: η_t = η_min + (η0 - η_min) (1 + cos(π t / T_max)) / 2 for t ≤ T_max, and
/// η_min after (unlike PyTorch's closed form, the rate does not rise again).
/// </summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="tMax">Epochs to reach <paramref name="etaMin"/> (≥ 1).</param>
    /// <param name="etaMin">The final learning rate (≥ 0).</param>
    public CosineSchedule(int tMax, double etaMin = 0)
    {
        TMax = OptionGuard.Positive(tMax, nameof(tMax));
        EtaMin = OptionGuard.NonNegative(etaMin, nameof(etaMin));
    }

    /// <summary>T_max.</summary>
    public int TMax { get; }

    /// <summary>η_min.</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    public override double GetLearningRate(int epoch, double baseLearningRate)
    {
        int t = Math.Min(epoch, TMax);
        return EtaMin + (baseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * t / TMax)) / 2;
    }
}
