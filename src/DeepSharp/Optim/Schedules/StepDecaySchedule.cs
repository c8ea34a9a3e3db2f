namespace DeepSharp.Optim;

/// <summary>Step decay: η_t = η0 γ^⌊t / stepSize⌋ (the rate drops by γ every <see cref="StepSize"/> epochs).</summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepSize">Epochs between drops (≥ 1).</param>
    /// <param name="gamma">Factor of each drop, in (0, 1].</param>
    public StepDecaySchedule(int stepSize, double gamma = 0.1)
    {
        StepSize = OptionGuard.Positive(stepSize, nameof(stepSize));
        Gamma = gamma > 0 && gamma <= 1 ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must lie in (0, 1].");
    }

    /// <summary>Epochs between drops.</summary>
    public int StepSize { get; }

    /// <summary>Factor of each drop.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double GetLearningRate(int epoch, double baseLearningRate) => baseLearningRate * Math.Pow(Gamma, epoch / StepSize);
}
