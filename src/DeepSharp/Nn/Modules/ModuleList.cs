using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>An indexed list of modules whose members are named <c>0</c>, <c>1</c>, ... (PyTorch's
/// <c>nn.ModuleList</c>); it has no forward of its own.</summary>
public sealed class ModuleList : Module
{
    private readonly List<Module> _modules = [];

    /// <summary>Creates the list.</summary>
    public ModuleList(IEnumerable<Module> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules) Add(m);
    }

    /// <summary>Creates the list.</summary>
    public ModuleList(params Module[] modules) : this((IEnumerable<Module>)modules) { }

    /// <summary>Appends a module (named by its index).</summary>
    public ModuleList Add(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        RegisterModule(_modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _modules.Add(module);
        return this;
    }

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module this[int index] => _modules[index];

    /// <summary>Number of modules.</summary>
    public int Count => _modules.Count;

    /// <summary>The modules in order.</summary>
    public IReadOnlyList<Module> Modules => _modules;

    /// <summary>Throws: a module list only holds modules.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public override Tensor Forward(Tensor input) =>
        throw new InvalidOperationException("ModuleList has no Forward; iterate over its modules instead.");
}
