namespace DeepSharp.Optim;

/// <summary>η_t = η0.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double GetLearningRate(int epoch, double baseLearningRate) => baseLearningRate;
}
