using DeepSharp.Tensors;

namespace DeepSharp.Optim;

/// <summary>
/// A set of parameters that share a learning rate and weight decay within one optimizer
/// (e.g. no weight decay on biases). Values left null take the optimizer's options.
/// </summary>
public sealed class ParameterGroup
{
    private readonly double? _requestedLearningRate;
    private readonly double? _requestedWeightDecay;
    private bool _bound;

    /// <summary>Creates a group.</summary>
    /// <param name="parameters">Float32 leaf tensors updated in place.</param>
    /// <param name="learningRate">This group's learning rate, or null for the optimizer's.</param>
    /// <param name="weightDecay">This group's weight decay, or null for the optimizer's.</param>
    public ParameterGroup(IEnumerable<Tensor> parameters, double? learningRate = null, double? weightDecay = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        if (learningRate is { } lr) OptionGuard.NonNegative(lr, "LearningRate");
        if (weightDecay is { } wd) OptionGuard.NonNegative(wd, "WeightDecay");
        _requestedLearningRate = learningRate;
        _requestedWeightDecay = weightDecay;
    }

    /// <summary>The parameters of this group.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The current learning rate (schedules change it).</summary>
    public double LearningRate
    {
        get;
        set => field = OptionGuard.NonNegative(value, nameof(LearningRate));
    }

    /// <summary>The learning rate the group started with: the base that schedules scale.</summary>
    public double InitialLearningRate { get; private set; }

    /// <summary>The weight decay (L2 penalty, or decoupled decay for AdamW).</summary>
    public double WeightDecay
    {
        get;
        set => field = OptionGuard.NonNegative(value, nameof(WeightDecay));
    }

    /// <summary>Takes the optimizer's defaults for the values left null; a group belongs to one optimizer.</summary>
    internal void Bind(double defaultLearningRate, double defaultWeightDecay)
    {
        if (_bound) throw new InvalidOperationException("This ParameterGroup already belongs to an optimizer; create a new group for each optimizer.");
        _bound = true;
        LearningRate = InitialLearningRate = _requestedLearningRate ?? defaultLearningRate;
        WeightDecay = _requestedWeightDecay ?? defaultWeightDecay;
    }
}
