using System.Collections.ObjectModel;

namespace DeepSharp.Optim;

/// <summary>
/// A learning-rate schedule over epochs: the rate of epoch t (from 0) as a function of the base
/// rate η0 (each group's <see cref="ParameterGroup.InitialLearningRate"/>), plus an optional
/// observation of the monitored loss after each epoch (used by <see cref="ReduceOnPlateauSchedule"/>).
/// </summary>
public abstract class LearningRateSchedule
{
    private static readonly IReadOnlyDictionary<string, double> NoState = new ReadOnlyDictionary<string, double>(new Dictionary<string, double>());

    /// <summary>The learning rate for epoch <paramref name="epoch"/> (0-based) given the base rate.</summary>
    public abstract double GetLearningRate(int epoch, double baseLearningRate);

    /// <summary>Receives the monitored loss (validation loss if there is one) at the end of
    /// <paramref name="epoch"/>. Stateless schedules ignore it.</summary>
    public virtual void Observe(int epoch, double loss) { }

    /// <summary>The epoch last passed to <see cref="Apply"/>, or -1 before the first.</summary>
    public int Epoch { get; private set; } = -1;

    /// <summary>Sets every group's learning rate for <paramref name="epoch"/> from its initial rate.</summary>
    public void Apply(Optimizer optimizer, int epoch)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        OptionGuard.NonNegative(epoch, nameof(epoch));
        foreach (var group in optimizer.Groups)
            group.LearningRate = GetLearningRate(epoch, group.InitialLearningRate);
        Epoch = epoch;
    }

    /// <summary>The schedule's state for a checkpoint: its position and any counters.</summary>
    public IReadOnlyDictionary<string, double> GetState()
    {
        var state = new Dictionary<string, double>(GetExtraState()) { ["epoch"] = Epoch };
        return state;
    }

    /// <summary>Restores a state produced by <see cref="GetState"/>.</summary>
    public void SetState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGetValue("epoch", out double epoch) || epoch < -1 || epoch != Math.Floor(epoch))
            throw new ArgumentException("A schedule state needs an integer 'epoch' entry of at least -1.", nameof(state));
        SetExtraState(state);
        Epoch = (int)epoch;
    }

    /// <summary>Counters beyond the position, for stateful schedules.</summary>
    protected virtual IReadOnlyDictionary<string, double> GetExtraState() => NoState;

    /// <summary>Restores the counters written by <see cref="GetExtraState"/>.</summary>
    protected virtual void SetExtraState(IReadOnlyDictionary<string, double> state) { }
}
