namespace DeepSharp.Optim;

/// <summary>Exponential decay: η_t = η0 γ^t.</summary>
public sealed class ExponentialSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule with decay factor <paramref name="gamma"/> in (0, 1].</summary>
    public ExponentialSchedule(double gamma) =>
        Gamma = gamma > 0 && gamma <= 1 ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must lie in (0, 1].");

    /// <summary>The factor per epoch.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double GetLearningRate(int epoch, double baseLearningRate) => baseLearningRate * Math.Pow(Gamma, epoch);
}
