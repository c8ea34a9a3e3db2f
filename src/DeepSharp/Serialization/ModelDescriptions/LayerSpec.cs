using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization;

/// <summary>
/// A layer type of the JSON model format: its options, how to build the module from a
/// description, how to describe an existing module, and the parameter shapes it will hold
/// (known before building, so a file's tensors can be checked before anything is allocated).
/// </summary>
internal sealed class LayerSpec
{
    private static readonly Func<LayerDescription, IEnumerable<(string, long[])>> NoParameters = _ => [];

    public LayerSpec(string type, Type moduleType, string summary, IReadOnlyList<LayerOptionSpec> options,
        Func<LayerDescription, RandomGenerator, Module> build, Func<Module, IReadOnlyDictionary<string, object>> describe,
        Func<LayerDescription, IEnumerable<(string Name, long[] Shape)>>? parameters = null,
        Func<LayerDescription, string?>? check = null, bool isActivation = false,
        Func<LayerDescription, IEnumerable<(string Name, long[] Shape)>>? buffers = null)
    {
        Type = type;
        ModuleType = moduleType;
        Summary = summary;
        Options = options;
        Build = build;
        Describe = describe;
        Parameters = parameters ?? NoParameters;
        Buffers = buffers ?? NoParameters;
        Check = check;
        IsActivation = isActivation;
    }

    /// <summary>The JSON type name, e.g. <c>LeakyReLU</c>.</summary>
    public string Type { get; }

    /// <summary>The exact module class this type builds and describes.</summary>
    public Type ModuleType { get; }

    /// <summary>One line for the documentation table.</summary>
    public string Summary { get; }

    /// <summary>The options in the order they are written.</summary>
    public IReadOnlyList<LayerOptionSpec> Options { get; }

    /// <summary>Creates the module (weights initialized from the generator).</summary>
    public Func<LayerDescription, RandomGenerator, Module> Build { get; }

    /// <summary>The option values of an existing module of <see cref="ModuleType"/>.</summary>
    public Func<Module, IReadOnlyDictionary<string, object>> Describe { get; }

    /// <summary>The parameters the module will register, in registration order, with their shapes.</summary>
    public Func<LayerDescription, IEnumerable<(string Name, long[] Shape)>> Parameters { get; }

    /// <summary>The buffers (saved state that is not learned, e.g. running statistics) the module
    /// will register, in <see cref="Module.NamedBuffers"/> order, with their shapes.</summary>
    public Func<LayerDescription, IEnumerable<(string Name, long[] Shape)>> Buffers { get; }

    /// <summary>Checks across options (e.g. channels divisible by groups): null when fine, else the problem.</summary>
    public Func<LayerDescription, string?>? Check { get; }

    /// <summary>True for element-wise activations usable between the layers of an MLP.</summary>
    public bool IsActivation { get; }

    /// <summary>The option named <paramref name="name"/>, or null.</summary>
    public LayerOptionSpec? Find(string name) => Options.FirstOrDefault(o => o.Name == name);

    /// <summary>The option names, for error messages.</summary>
    public string AcceptedOptions => Options.Count == 0 ? "no options" : string.Join(", ", Options.Select(o => o.Name));
}
