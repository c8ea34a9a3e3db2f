namespace DeepSharp.Optim;

/// <summary>Hyper-parameters of <see cref="Sgd"/> (PyTorch's names and defaults).</summary>
public sealed record SgdOptions
{
    /// <summary>Creates validated options.</summary>
    public SgdOptions(double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0, double dampening = 0)
    {
        LearningRate = learningRate;
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        Dampening = dampening;
    }

    /// <summary>Step size η (≥ 0).</summary>
    public double LearningRate { get; init => field = OptionGuard.NonNegative(value, nameof(LearningRate)); }

    /// <summary>Momentum μ in [0, 1); 0 is plain gradient descent.</summary>
    public double Momentum { get; init => field = OptionGuard.UnitInterval(value, nameof(Momentum)); }

    /// <summary>Nesterov momentum (needs Momentum &gt; 0 and Dampening 0).</summary>
    public bool Nesterov { get; init; }

    /// <summary>L2 penalty λ added to the gradient as λ p.</summary>
    public double WeightDecay { get; init => field = OptionGuard.NonNegative(value, nameof(WeightDecay)); }

    /// <summary>Dampening τ in [0, 1] of the gradient's contribution to the momentum.</summary>
    public double Dampening { get; init => field = OptionGuard.ClosedUnitInterval(value, nameof(Dampening)); }

    /// <summary>Checks the rules that involve several options.</summary>
    internal void Validate()
    {
        if (Nesterov && (Momentum <= 0 || Dampening != 0))
            throw new ArgumentOutOfRangeException(nameof(Nesterov), Nesterov,
                $"Nesterov momentum needs Momentum > 0 and Dampening = 0, got Momentum {Momentum} and Dampening {Dampening}.");
    }
}
