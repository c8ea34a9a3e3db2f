using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Base class of layers and models: holds named parameters, buffers and child modules in
/// registration order, a training / evaluation mode, and <see cref="Forward"/>.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Value)> _parameters = [];
    private readonly List<(string Name, Tensor Value)> _buffers = [];
    private readonly List<(string Name, Module Value)> _children = [];

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Same as <see cref="Forward"/>.</summary>
    public Tensor Call(Tensor input) => Forward(input);

    /// <summary>Registers a learnable tensor (sets <c>RequiresGrad</c>) and returns it.</summary>
    protected Tensor RegisterParameter(string name, Tensor value)
    {
        CheckName(name);
        value.RequiresGrad = true;
        _parameters.Add((name, value));
        return value;
    }

    /// <summary>Registers a non-learnable state tensor (e.g. running statistics) that is saved with the model.</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        CheckName(name);
        _buffers.Add((name, value));
        return value;
    }

    /// <summary>Registers a child module and returns it.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        _children.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"Invalid member name '{name}': names must be non-empty and contain no '.'.", nameof(name));
        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'.", nameof(name));
    }

    /// <summary>All parameters, depth-first in registration order, with dotted names.</summary>
    public IEnumerable<Parameter> NamedParameters(string prefix = "")
    {
        foreach (var (name, value) in _parameters) yield return new Parameter(prefix + name, value);
        foreach (var (name, child) in _children)
            foreach (var p in child.NamedParameters(prefix + name + ".")) yield return p;
    }

    /// <summary>All parameter tensors, in the order of <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>All buffers with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Value)> NamedBuffers(string prefix = "")
    {
        foreach (var (name, value) in _buffers) yield return (prefix + name, value);
        foreach (var (name, child) in _children)
            foreach (var b in child.NamedBuffers(prefix + name + ".")) yield return b;
    }

    /// <summary>The direct children with their names.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children;

    /// <summary>This module and all descendants with dotted names (this one has the name "").</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        yield return (prefix.TrimEnd('.'), this);
        foreach (var (name, child) in _children)
            foreach (var m in child.NamedModules(prefix + name + ".")) yield return m;
    }

    /// <summary>Parameters and buffers together, by name: what a checkpoint stores.</summary>
    public IReadOnlyList<(string Name, Tensor Value)> StateDict() =>
        [.. NamedParameters().Select(p => (p.Name, p.Value)), .. NamedBuffers()];

    /// <summary>Total number of learnable scalars.</summary>
    public long ParameterCount => Parameters().Sum(p => (long)p.Numel);

    /// <summary>Sets training mode on this module and every descendant.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children) child.Train(training);
        return this;
    }

    /// <summary>Sets evaluation mode (dropout off, running statistics used).</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Re-initializes this module's own parameters (children reset themselves); no-op by default.</summary>
    public virtual void ResetParameters(RandomGenerator rng) { }

    /// <summary>Re-initializes every module in the tree with <paramref name="rng"/>, in order.</summary>
    public void ResetAllParameters(RandomGenerator rng)
    {
        foreach (var (_, m) in NamedModules()) m.ResetParameters(rng);
    }

    /// <summary>A Keras-style table of the layers, their output shapes and parameter counts, from
    /// one forward pass on a zero batch of one sample (see <see cref="ModelSummary"/>).</summary>
    /// <param name="sampleShape">The shape of one input sample, without the batch dimension (e.g. 784).</param>
    public ModelSummary Summary(params int[] sampleShape) => ModelSummary.Build(this, sampleShape);

    /// <summary>A short description for summaries, e.g. <c>Linear(784 -> 128)</c>.</summary>
    public override string ToString() => GetType().Name;
}
