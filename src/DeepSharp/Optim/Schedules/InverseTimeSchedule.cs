namespace DeepSharp.Optim;

/// <summary>Inverse-time decay: η_t = η0 / (1 + k t).</summary>
public sealed class InverseTimeSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule with decay rate <paramref name="decayRate"/> k ≥ 0.</summary>
    public InverseTimeSchedule(double decayRate) => DecayRate = OptionGuard.NonNegative(decayRate, nameof(decayRate));

    /// <summary>k.</summary>
    public double DecayRate { get; }

    /// <inheritdoc/>
    public override double GetLearningRate(int epoch, double baseLearningRate) => baseLearningRate / (1 + DecayRate * epoch);
}
