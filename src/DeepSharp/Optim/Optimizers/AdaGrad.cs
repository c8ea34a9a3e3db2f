using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Optim;

/// <summary>AdaGrad (Duchi et al.): per-coordinate steps shrinking with the accumulated squared
/// gradients. The update is PyTorch's AdaGrad rule.</summary>
public sealed class AdaGrad : Optimizer
{
    /// <summary>Creates the optimizer over one group with default options (η = 0.01).</summary>
    public AdaGrad(IEnumerable<Tensor> parameters) : this(parameters, new AdaGradOptions()) { }

    /// <summary>Creates the optimizer over one group of parameters.</summary>
    public AdaGrad(IEnumerable<Tensor> parameters, AdaGradOptions options) : this(SingleGroup(parameters), options) { }

    /// <summary>Creates the optimizer over parameter groups.</summary>
    public AdaGrad(IEnumerable<ParameterGroup> groups, AdaGradOptions options)
        : base(groups, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate, options.WeightDecay, "sum")
    {
        Options = options;
    }

    /// <summary>The hyper-parameters.</summary>
    public AdaGradOptions Options { get; }

    /// <inheritdoc/>
    protected override void Update(int index, ParameterGroup group, Tensor value, Tensor grad, int step) =>
        OptimizerCompute.AdaGrad(value, grad, Buffer(0, index, (float)Options.InitialAccumulatorValue),
            new AdaGradHyperparameters(group.LearningRate, Options.LearningRateDecay, Options.Epsilon, group.WeightDecay), step);
}
