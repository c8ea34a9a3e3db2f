namespace DeepSharp.Optim;

/// <summary>Hyper-parameters of <see cref="RmsProp"/> (PyTorch's names and defaults).</summary>
public sealed record RmsPropOptions
{
    /// <summary>Creates validated options.</summary>
    public RmsPropOptions(double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
    {
        LearningRate = learningRate;
        Alpha = alpha;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Momentum = momentum;
        Centered = centered;
    }

    /// <summary>Step size η.</summary>
    public double LearningRate { get; init => field = OptionGuard.NonNegative(value, nameof(LearningRate)); }

    /// <summary>Smoothing constant α in [0, 1) of the squared-gradient average.</summary>
    public double Alpha { get; init => field = OptionGuard.UnitInterval(value, nameof(Alpha)); }

    /// <summary>ε &gt; 0 added to the denominator.</summary>
    public double Epsilon { get; init => field = OptionGuard.Positive(value, nameof(Epsilon)); }

    /// <summary>L2 penalty λ added to the gradient.</summary>
    public double WeightDecay { get; init => field = OptionGuard.NonNegative(value, nameof(WeightDecay)); }

    /// <summary>Momentum μ in [0, 1).</summary>
    public double Momentum { get; init => field = OptionGuard.UnitInterval(value, nameof(Momentum)); }

    /// <summary>Centered RMSprop: divide by an estimate of the gradient's variance.</summary>
    public bool Centered { get; init; }
}
