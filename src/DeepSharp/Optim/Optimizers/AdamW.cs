using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Optim;

/// <summary>AdamW (Loshchilov and Hutter): Adam with the weights decayed directly, p ← p (1 - η λ),
/// instead of an L2 term in the gradient. The update is PyTorch's Adam rule.</summary>
public sealed class AdamW : Optimizer
{
    /// <summary>Creates the optimizer over one group with default options (η = 1e-3, λ = 0.01).</summary>
    public AdamW(IEnumerable<Tensor> parameters) : this(parameters, AdamOptions.AdamWDefaults()) { }

    /// <summary>Creates the optimizer over one group of parameters.</summary>
    public AdamW(IEnumerable<Tensor> parameters, AdamOptions options) : this(SingleGroup(parameters), options) { }

    /// <summary>Creates the optimizer over parameter groups.</summary>
    public AdamW(IEnumerable<ParameterGroup> groups, AdamOptions options)
        : base(groups, Adam.NotNull(options).LearningRate, options.WeightDecay, "exp_avg", "exp_avg_sq")
    {
        Options = options;
    }

    /// <summary>The hyper-parameters.</summary>
    public AdamOptions Options { get; }

    /// <inheritdoc/>
    protected override void Update(int index, ParameterGroup group, Tensor value, Tensor grad, int step) =>
        OptimizerCompute.Adam(value, grad, Buffer(0, index), Buffer(1, index),
            new AdamHyperparameters(group.LearningRate, Options.Beta1, Options.Beta2, Options.Epsilon, group.WeightDecay, DecoupledWeightDecay: true), step);
}
