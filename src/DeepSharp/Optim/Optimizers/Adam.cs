using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Optim;

/// <summary>Adam (Kingma and Ba) with bias correction; weight decay as an L2 term in the gradient.
/// The update is PyTorch's Adam rule; see <see cref="AdamW"/> for decoupled decay.</summary>
public sealed class Adam : Optimizer
{
    /// <summary>Creates the optimizer over one group with default options (η = 1e-3).</summary>
    public Adam(IEnumerable<Tensor> parameters) : this(parameters, new AdamOptions()) { }

    /// <summary>Creates the optimizer over one group of parameters.</summary>
    public Adam(IEnumerable<Tensor> parameters, AdamOptions options) : this(SingleGroup(parameters), options) { }

    /// <summary>Creates the optimizer over parameter groups.</summary>
    public Adam(IEnumerable<ParameterGroup> groups, AdamOptions options)
        : base(groups, NotNull(options).LearningRate, options.WeightDecay, "exp_avg", "exp_avg_sq")
    {
        Options = options;
    }

    /// <summary>The hyper-parameters.</summary>
    public AdamOptions Options { get; }

    internal static AdamOptions NotNull(AdamOptions options) => options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    protected override void Update(int index, ParameterGroup group, Tensor value, Tensor grad, int step) =>
        OptimizerCompute.Adam(value, grad, Buffer(0, index), Buffer(1, index),
            new AdamHyperparameters(group.LearningRate, Options.Beta1, Options.Beta2, Options.Epsilon, group.WeightDecay, DecoupledWeightDecay: false), step);
}
