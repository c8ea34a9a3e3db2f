namespace DeepSharp.Optim;

/// <summary>Options of <see cref="ReduceOnPlateauSchedule"/> (PyTorch's <c>ReduceLROnPlateau</c> in mode min, relative threshold).</summary>
public sealed record ReduceOnPlateauOptions
{
    /// <summary>Creates validated options.</summary>
    public ReduceOnPlateauOptions(double factor = 0.1, int patience = 10, double threshold = 1e-4, double minLearningRate = 0, int cooldown = 0)
    {
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        MinLearningRate = minLearningRate;
        Cooldown = cooldown;
    }

    /// <summary>Multiplier of each reduction, in (0, 1).</summary>
    public double Factor { get; init => field = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Factor), value, "Factor must lie in (0, 1)."); }

    /// <summary>Epochs without improvement tolerated before a reduction.</summary>
    public int Patience { get; init => field = OptionGuard.NonNegative(value, nameof(Patience)); }

    /// <summary>Relative improvement that counts: loss &lt; best (1 - threshold).</summary>
    public double Threshold { get; init => field = OptionGuard.UnitInterval(value, nameof(Threshold)); }

    /// <summary>The rate is never reduced below this.</summary>
    public double MinLearningRate { get; init => field = OptionGuard.NonNegative(value, nameof(MinLearningRate)); }

    /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
    public int Cooldown { get; init => field = OptionGuard.NonNegative(value, nameof(Cooldown)); }
}
