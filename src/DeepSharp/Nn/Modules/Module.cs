using System.Text;
using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Base class of layers and models: holds named parameters, buffers and child modules, a
/// training / evaluation mode, and <see cref="Forward"/>.
/// </summary>
/// <remarks>
/// Members are found two ways, as in PyTorch: those registered with <see cref="RegisterParameter"/>,
/// <see cref="RegisterBuffer"/> and <see cref="RegisterModule{T}"/> (in that order), then the fields
/// of the module's class (declaration order, base classes first) that hold a <see cref="Module"/>, a
/// collection of modules, or a leaf tensor that requires grad, named after the field (<c>_encoder</c>
/// and the property <c>Encoder</c> both give <c>encoder</c>; collections give <c>blocks.0</c>, ...).
/// A field marked <see cref="NotAMemberAttribute"/> is skipped. The fields are read each time, so a
/// reassigned field is seen; an object reachable twice is listed once.
/// </remarks>
[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(
    System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.NonPublicFields)]
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

    /// <summary>All parameters, depth-first (own members first, then each child's), with dotted names;
    /// a parameter shared by several modules is listed once, under its first name.</summary>
    public IEnumerable<Parameter> NamedParameters(string prefix = "")
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (name, module) in NamedModules(prefix))
            foreach (var (own, value) in module.OwnParameters())
                if (seen.Add(value)) yield return new Parameter(name.Length == 0 ? own : name + "." + own, value);
    }

    /// <summary>All parameter tensors, in the order of <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>All buffers with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Value)> NamedBuffers(string prefix = "")
    {
        foreach (var (name, module) in NamedModules(prefix))
            foreach (var (own, value) in module._buffers) yield return (name.Length == 0 ? own : name + "." + own, value);
    }

    /// <summary>The direct children with their names: the registered ones, then those held in fields.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        foreach (var child in _children) yield return child;
        foreach (var (name, value) in MemberFields.Of(this))
            if (value is Module m && !_children.Any(c => ReferenceEquals(c.Value, m))) yield return (name, m);
    }

    /// <summary>This module and all descendants with dotted names (this one has the name <paramref name="prefix"/>
    /// without its trailing dot, "" by default); a module reachable twice is listed once.</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        return Walk(this, prefix.TrimEnd('.'), seen);
    }

    private static IEnumerable<(string Name, Module Module)> Walk(Module module, string name, HashSet<Module> seen)
    {
        if (!seen.Add(module)) yield break;
        yield return (name, module);
        foreach (var (childName, child) in module.NamedChildren())
            foreach (var m in Walk(child, name.Length == 0 ? childName : name + "." + childName, seen)) yield return m;
    }

    /// <summary>This module's own parameters: registered ones, then leaf tensors that require grad held in fields.</summary>
    private IEnumerable<(string Name, Tensor Value)> OwnParameters()
    {
        foreach (var p in _parameters) yield return p;
        foreach (var (name, value) in MemberFields.Of(this))
            if (value is Tensor { IsLeaf: true, RequiresGrad: true } t && !IsRegistered(t)) yield return (name, t);
    }

    private bool IsRegistered(Tensor t) =>
        _parameters.Any(p => ReferenceEquals(p.Value, t)) || _buffers.Any(b => ReferenceEquals(b.Value, t));

    /// <summary>Parameters and buffers together, by name: what a checkpoint stores.</summary>
    public IReadOnlyList<(string Name, Tensor Value)> StateDict() =>
        [.. NamedParameters().Select(p => (p.Name, p.Value)), .. NamedBuffers()];

    /// <summary>Total number of learnable scalars.</summary>
    public long ParameterCount => Parameters().Sum(p => (long)p.Numel);

    /// <summary>Sets training mode on this module and every descendant.</summary>
    public Module Train(bool training = true)
    {
        foreach (var (_, m) in NamedModules()) m.IsTraining = training;
        return this;
    }

    /// <summary>Sets evaluation mode (dropout off, running statistics used).</summary>
    public Module Eval() => Train(false);

    /// <summary>Converts every parameter and floating-point buffer to <paramref name="dtype"/> in place
    /// (PyTorch's <c>model.to(torch.float64)</c>); the tensors keep their identity, so layers and
    /// optimizers made before still hold them. Integer buffers (batch counters) are kept.</summary>
    /// <param name="dtype">Float32 or Float64.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not floating point.</exception>
    public Module To(DType dtype)
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Module.To: the dtype must be Float32 or Float64.");
        foreach (var (_, t) in StateDict())
            if (t.DType.IsFloatingPoint()) t.ConvertLeafInPlace(dtype);
        return this;
    }

    /// <summary>Moves every parameter and buffer to <paramref name="device"/> in place (PyTorch's
    /// <c>model.to(device)</c>); the tensors keep their identity, so layers hold them still. Move a
    /// model before making its optimizer: optimizer state made on one device is not moved.</summary>
    /// <exception cref="DeviceUnavailableException">No backend serves <paramref name="device"/> here
    /// (e.g. "no CUDA device: ..."); nothing has been moved.</exception>
    public Module To(Device device)
    {
        var backend = BackendRegistry.For(device); // throws before anything moves
        foreach (var (_, t) in StateDict()) t.MoveLeafInPlace(backend);
        return this;
    }

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

    /// <summary>The module's tree as PyTorch's <c>print(model)</c> shows it: a layer's one-line
    /// description (e.g. <c>Linear(784 -> 128)</c>, which layers override), and for a container its
    /// name with every child on its own line, indented, after its name in parentheses.</summary>
    public override string ToString()
    {
        var children = NamedChildren().ToList();
        if (children.Count == 0) return GetType().Name;
        var sb = new StringBuilder(GetType().Name).Append("(\n");
        foreach (var (name, child) in children)
            sb.Append("  (").Append(name).Append("): ").Append(child.ToString()!.Replace("\n", "\n  ")).Append('\n');
        return sb.Append(')').ToString();
    }
}
