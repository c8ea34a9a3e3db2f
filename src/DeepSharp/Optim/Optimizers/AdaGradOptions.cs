namespace DeepSharp.Optim;

/// <summary>Hyper-parameters of <see cref="AdaGrad"/> (PyTorch's names and defaults).</summary>
public sealed record AdaGradOptions
{
    /// <summary>Creates validated options.</summary>
    public AdaGradOptions(double learningRate = 1e-2, double learningRateDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double epsilon = 1e-10)
    {
        LearningRate = learningRate;
        LearningRateDecay = learningRateDecay;
        WeightDecay = weightDecay;
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    /// <summary>Step size η.</summary>
    public double LearningRate { get; init => field = OptionGuard.NonNegative(value, nameof(LearningRate)); }

    /// <summary>κ in η / (1 + (t - 1) κ).</summary>
    public double LearningRateDecay { get; init => field = OptionGuard.NonNegative(value, nameof(LearningRateDecay)); }

    /// <summary>L2 penalty λ added to the gradient.</summary>
    public double WeightDecay { get; init => field = OptionGuard.NonNegative(value, nameof(WeightDecay)); }

    /// <summary>Starting value of the squared-gradient sum.</summary>
    public double InitialAccumulatorValue { get; init => field = OptionGuard.NonNegative(value, nameof(InitialAccumulatorValue)); }

    /// <summary>ε &gt; 0 added to the denominator.</summary>
    public double Epsilon { get; init => field = OptionGuard.Positive(value, nameof(Epsilon)); }
}
