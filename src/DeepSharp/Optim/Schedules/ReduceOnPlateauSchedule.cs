using System.Globalization;

namespace DeepSharp.Optim;

/// <summary>
/// Reduce-on-plateau: multiplies the rate by <see cref="ReduceOnPlateauOptions.Factor"/> when the
/// observed loss (normally the validation loss) has not improved for more than
/// <see cref="ReduceOnPlateauOptions.Patience"/> epochs: η = max(η0 · factor^reductions, η_min).
/// </summary>
public sealed class ReduceOnPlateauSchedule : LearningRateSchedule
{
    private double _best = double.PositiveInfinity;
    private int _badEpochs;
    private int _cooldownLeft;

    /// <summary>Creates the schedule.</summary>
    public ReduceOnPlateauSchedule(ReduceOnPlateauOptions? options = null) => Options = options ?? new ReduceOnPlateauOptions();

    /// <summary>The options.</summary>
    public ReduceOnPlateauOptions Options { get; }

    /// <summary>How many reductions have happened.</summary>
    public int Reductions { get; private set; }

    /// <summary>The best loss observed so far.</summary>
    public double Best => _best;

    /// <inheritdoc/>
    public override double GetLearningRate(int epoch, double baseLearningRate) =>
        Math.Max(baseLearningRate * Math.Pow(Options.Factor, Reductions), Options.MinLearningRate);

    /// <inheritdoc/>
    public override void Observe(int epoch, double loss)
    {
        // NaN never counts as an improvement.
        if (loss < _best * (1 - Options.Threshold))
        {
            _best = loss;
            _badEpochs = 0;
        }
        else _badEpochs++;
        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEpochs = 0;
        }
        if (_badEpochs > Options.Patience)
        {
            Reductions++;
            _cooldownLeft = Options.Cooldown;
            _badEpochs = 0;
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, double> GetExtraState() => new Dictionary<string, double>
    {
        ["best"] = _best,
        ["bad_epochs"] = _badEpochs,
        ["cooldown_left"] = _cooldownLeft,
        ["reductions"] = Reductions,
    };

    /// <inheritdoc/>
    protected override void SetExtraState(IReadOnlyDictionary<string, double> state)
    {
        int Count(string key) =>
            state.TryGetValue(key, out double v) && v >= 0 && v == Math.Floor(v) && v <= int.MaxValue
                ? (int)v
                : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ReduceOnPlateau state needs a non-negative integer '{key}'."), nameof(state));
        if (!state.TryGetValue("best", out double best) || double.IsNaN(best))
            throw new ArgumentException("ReduceOnPlateau state needs a 'best' loss.", nameof(state));
        (_badEpochs, _cooldownLeft, Reductions, _best) = (Count("bad_epochs"), Count("cooldown_left"), Count("reductions"), best);
    }
}
