using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum, dampening and weight
/// decay; the update is PyTorch's SGD rule. Full-batch, mini-batch and stochastic
/// gradient descent differ only in the batch size of the data loader.
/// </summary>
public sealed class Sgd : Optimizer
{
    private const int MomentumBuffer = 0;

    /// <summary>Creates the optimizer over one group of parameters.</summary>
    public Sgd(IEnumerable<Tensor> parameters, SgdOptions options) : this(SingleGroup(parameters), options) { }

    /// <summary>Creates the optimizer over parameter groups (each may override learning rate and weight decay).</summary>
    public Sgd(IEnumerable<ParameterGroup> groups, SgdOptions options)
        : base(groups, Checked(options).LearningRate, options.WeightDecay, "momentum_buffer")
    {
        Options = options;
    }

    /// <summary>The hyper-parameters (learning rate and weight decay per group live in <see cref="Optimizer.Groups"/>).</summary>
    public SgdOptions Options { get; }

    private static SgdOptions Checked(SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    /// <inheritdoc/>
    protected override void Update(int index, ParameterGroup group, Tensor value, Tensor grad, int step)
    {
        // The momentum buffer starts as the first gradient (PyTorch), not as zeros.
        bool first = !HasBuffer(MomentumBuffer, index);
        var buffer = Options.Momentum != 0 ? Buffer(MomentumBuffer, index) : null;
        OptimizerCompute.Sgd(value, grad, buffer, new SgdHyperparameters((float)group.LearningRate, (float)Options.Momentum,
            (float)Options.Dampening, (float)group.WeightDecay, Options.Nesterov), firstStep: first);
    }
}
