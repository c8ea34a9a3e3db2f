namespace DeepSharp.Optim;

/// <summary>Hyper-parameters of <see cref="Adam"/> and <see cref="AdamW"/> (PyTorch's names; defaults of Adam).</summary>
public sealed record AdamOptions
{
    /// <summary>Creates validated options.</summary>
    public AdamOptions(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
    {
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
    }

    /// <summary>Options with AdamW's default decoupled weight decay of 0.01.</summary>
    public static AdamOptions AdamWDefaults(double learningRate = 1e-3) => new(learningRate, weightDecay: 1e-2);

    /// <summary>Step size η.</summary>
    public double LearningRate { get; init => field = OptionGuard.NonNegative(value, nameof(LearningRate)); }

    /// <summary>Decay β1 in [0, 1) of the first-moment average.</summary>
    public double Beta1 { get; init => field = OptionGuard.UnitInterval(value, nameof(Beta1)); }

    /// <summary>Decay β2 in [0, 1) of the second-moment average.</summary>
    public double Beta2 { get; init => field = OptionGuard.UnitInterval(value, nameof(Beta2)); }

    /// <summary>ε &gt; 0 added to the denominator.</summary>
    public double Epsilon { get; init => field = OptionGuard.Positive(value, nameof(Epsilon)); }

    /// <summary>Weight decay λ: an L2 term in the gradient for Adam, a decoupled decay for AdamW.</summary>
    public double WeightDecay { get; init => field = OptionGuard.NonNegative(value, nameof(WeightDecay)); }
}
