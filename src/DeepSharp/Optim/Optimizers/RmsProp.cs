using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Optim;

/// <summary>RMSprop (Hinton): divides the gradient by a running root mean square of its recent
/// values; optional momentum and centering. The update is PyTorch's RMSprop rule.</summary>
public sealed class RmsProp : Optimizer
{
    private const int SquareAvg = 0, MomentumBuffer = 1, GradAvg = 2;

    /// <summary>Creates the optimizer over one group with default options (η = 0.01).</summary>
    public RmsProp(IEnumerable<Tensor> parameters) : this(parameters, new RmsPropOptions()) { }

    /// <summary>Creates the optimizer over one group of parameters.</summary>
    public RmsProp(IEnumerable<Tensor> parameters, RmsPropOptions options) : this(SingleGroup(parameters), options) { }

    /// <summary>Creates the optimizer over parameter groups.</summary>
    public RmsProp(IEnumerable<ParameterGroup> groups, RmsPropOptions options)
        : base(groups, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate, options.WeightDecay,
            "square_avg", "momentum_buffer", "grad_avg")
    {
        Options = options;
    }

    /// <summary>The hyper-parameters.</summary>
    public RmsPropOptions Options { get; }

    /// <inheritdoc/>
    protected override void Update(int index, ParameterGroup group, Tensor value, Tensor grad, int step) =>
        OptimizerCompute.RmsProp(value, grad, Buffer(SquareAvg, index),
            Options.Centered ? Buffer(GradAvg, index) : null,
            Options.Momentum > 0 ? Buffer(MomentumBuffer, index) : null,
            new RmsPropHyperparameters((float)group.LearningRate, (float)Options.Alpha, (float)Options.Epsilon, (float)group.WeightDecay,
                (float)Options.Momentum, Options.Centered));
}
