using System.Text.Json;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization;

/// <summary>
/// One layer of a <see cref="ModelDescription"/>: a type name (e.g. <c>Linear</c>) and its
/// options, validated and completed with defaults when created, so every instance can be built.
/// The layer types and their options are listed in docs/model-format.md.
/// </summary>
/// <remarks>Option values are stored in canonical form: <c>int</c>, <c>double</c>, <c>bool</c>,
/// <c>string</c>, or <see cref="IReadOnlyList{T}"/> of <c>int</c> for sizes and shapes (a 2-D
/// size is always <c>[height, width]</c>). Two descriptions are equal when their type and every
/// option value are.</remarks>
public sealed class LayerDescription : IEquatable<LayerDescription>
{
    /// <summary>Largest element count of one parameter tensor a description may ask for.</summary>
    internal const long MaxTensorElements = int.MaxValue;

    private readonly KeyValuePair<string, object>[] _options;
    private readonly Dictionary<string, object> _byName;

    /// <summary>Creates and validates a layer description.</summary>
    /// <param name="type">A layer type (case-insensitive), e.g. <c>"Linear"</c> or <c>"relu"</c>.</param>
    /// <param name="options">Option values by name (e.g. <c>in</c>, <c>out</c>): int, long, double, float,
    /// bool, string, int arrays or (int, int) tuples; omitted options take their defaults.</param>
    /// <exception cref="ArgumentException">Unknown type or option, a missing required option or an
    /// invalid value; the message says what is accepted.</exception>
    public LayerDescription(string type, IReadOnlyDictionary<string, object>? options = null)
    {
        Spec = Resolve(type);
        var given = Convert(Spec, options);
        if (Complete(Spec, given) is { } problem) throw new ArgumentException($"{Spec.Type}: {problem}", nameof(options));
        (_options, _byName) = Arrange(Spec, given);
        if (CheckLayer() is { } invalid) throw new ArgumentException($"{Spec.Type}: {invalid}", nameof(options));
    }

    private LayerDescription(LayerSpec spec, Dictionary<string, object> completed)
    {
        Spec = spec;
        (_options, _byName) = Arrange(spec, completed);
    }

    /// <summary>Creates a description from converted values; null with the problem when invalid.</summary>
    private static LayerDescription? TryCreate(LayerSpec spec, Dictionary<string, object> given, out string? problem)
    {
        problem = Complete(spec, given);
        if (problem is not null) return null;
        var description = new LayerDescription(spec, given);
        problem = description.CheckLayer();
        return problem is null ? description : null;
    }

    /// <summary>Fills defaults: plain options first, then those copying another option's value.</summary>
    private static string? Complete(LayerSpec spec, Dictionary<string, object> given)
    {
        foreach (var option in spec.Options.Where(o => !given.ContainsKey(o.Name) && o.DefaultFrom is null))
        {
            if (option.Required) return $"missing required option '{option.Name}' ({option.Expected}).";
            given[option.Name] = option.Default!;
        }
        foreach (var option in spec.Options.Where(o => !given.ContainsKey(o.Name)))
            given[option.Name] = given[option.DefaultFrom!];
        return null;
    }

    private static (KeyValuePair<string, object>[], Dictionary<string, object>) Arrange(LayerSpec spec, Dictionary<string, object> values) =>
        ([.. spec.Options.Select(o => new KeyValuePair<string, object>(o.Name, values[o.Name]))], values);

    /// <summary>Cross-option checks and tensor size limits: null when fine, else the problem.</summary>
    private string? CheckLayer()
    {
        if (Spec.Check?.Invoke(this) is { } problem) return problem;
        foreach (var (name, shape) in Spec.Parameters(this))
        {
            long elements = 1;
            foreach (long dim in shape) elements = dim > int.MaxValue ? long.MaxValue : Math.Min(elements * dim, (long)int.MaxValue + 1);
            if (elements > MaxTensorElements)
                return $"parameter '{name}' of shape ({string.Join(", ", shape)}) exceeds the largest tensor ({MaxTensorElements} elements).";
        }
        return null;
    }

    internal LayerSpec Spec { get; }

    /// <summary>The canonical layer type name, e.g. <c>LeakyReLU</c>.</summary>
    public string Type => Spec.Type;

    /// <summary>Every option of the type with its value (defaults filled in), in documentation order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Options => _options;

    /// <summary>The names of every layer type, in documentation order.</summary>
    public static IReadOnlyList<string> KnownTypes { get; } = [.. LayerRegistry.All.Select(s => s.Type)];

    /// <summary>The element-wise activation types (usable between the layers of <see cref="ModelDescription.Mlp"/>).</summary>
    public static IReadOnlyList<string> ActivationTypes { get; } = [.. LayerRegistry.All.Where(s => s.IsActivation).Select(s => s.Type)];

    /// <summary>An integer option.</summary>
    public int GetInt(string name) => Get<int>(name);

    /// <summary>A numeric option.</summary>
    public double GetDouble(string name) => Get<double>(name);

    /// <summary>A boolean option.</summary>
    public bool GetBool(string name) => Get<bool>(name);

    /// <summary>A string (choice) option.</summary>
    public string GetString(string name) => Get<string>(name);

    /// <summary>A size or shape option.</summary>
    public IReadOnlyList<int> GetInts(string name) => Get<IReadOnlyList<int>>(name);

    /// <summary>The parameters the built layer holds, with their shapes, in registration order.</summary>
    public IReadOnlyList<(string Name, long[] Shape)> ParameterShapes => [.. Spec.Parameters(this)];

    /// <summary>Layers this one stacks: a recurrent layer's <c>layers</c> option, else 1.</summary>
    internal int StackedLayers => Spec.Find("layers") is { Kind: LayerOptionKind.Int } ? GetInt("layers") : 1;

    /// <summary>The buffers the built layer holds (e.g. running statistics), with their shapes.</summary>
    public IReadOnlyList<(string Name, long[] Shape)> BufferShapes => [.. Spec.Buffers(this)];

    /// <summary>Number of learnable scalars of the built layer, known without building it.</summary>
    public long ParameterCount => ParameterShapes.Sum(p => p.Shape.Aggregate(1L, (a, b) => a * b));

    /// <summary>Creates the module, initializing its weights from <paramref name="rng"/>
    /// (a dropout layer takes a generator forked from it).</summary>
    public Module Build(RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Spec.Build(this, rng);
    }

    /// <summary>A fully connected layer.</summary>
    public static LayerDescription Linear(int inFeatures, int outFeatures, bool bias = true) =>
        new("Linear", new Dictionary<string, object> { ["in"] = inFeatures, ["out"] = outFeatures, ["bias"] = bias });

    /// <summary>An activation with its default options, by name ignoring case, '-' and '_'
    /// (e.g. <c>relu</c>, <c>leaky-relu</c>, <c>tanh</c>); see <see cref="ActivationTypes"/>.</summary>
    /// <exception cref="ArgumentException">Not an activation; the message lists the accepted names.</exception>
    public static LayerDescription Activation(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Replace("-", "").Replace("_", "");
        var spec = LayerRegistry.Find(key);
        if (spec is null || !spec.IsActivation)
            throw new ArgumentException($"Unknown activation '{name}'; expected one of {string.Join(", ", ActivationTypes.Select(t => t.ToLowerInvariant()))}.", nameof(name));
        return TryCreate(spec, [], out var problem) ?? throw new InvalidOperationException(problem);
    }

    /// <summary>Describes an existing module of a known layer type.</summary>
    /// <exception cref="ArgumentException">The module's class is not a layer type of the format.</exception>
    public static LayerDescription FromModule(Module module) =>
        TryFromModule(module, out var description)
            ? description
            : throw new ArgumentException($"{module.GetType().Name} is not a layer type of the model format; known types: {LayerRegistry.KnownTypes}.", nameof(module));

    /// <summary>Describes an existing module; false when its class is not a layer type of the format.</summary>
    public static bool TryFromModule(Module module, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LayerDescription? description)
    {
        ArgumentNullException.ThrowIfNull(module);
        description = null;
        if (LayerRegistry.ForModule(module) is not { } spec) return false;
        description = TryCreate(spec, Convert(spec, spec.Describe(module)), out var problem)
            ?? throw new ArgumentException($"{module} cannot be described: {problem}", nameof(module));
        return true;
    }

    /// <summary>Reads a layer object of a model description; the index names the layer in errors.</summary>
    internal static LayerDescription Read(JsonElement element, int index, string source)
    {
        ModelFormatException Fail(string problem) => new(source, null, $"layer {index}{problem}");
        if (element.ValueKind != JsonValueKind.Object)
            throw Fail($": expected an object such as {{\"type\": \"ReLU\"}}, found {JsonValueKinds.Describe(element)}.");
        if (!element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            throw Fail($": missing the string \"type\"; known types: {LayerRegistry.KnownTypes}.");
        string type = typeElement.GetString()!;
        var spec = LayerRegistry.Find(type)
            ?? throw Fail($": unknown layer type '{ModelFormatException.Shorten(type)}'; known types: {LayerRegistry.KnownTypes}.");
        var given = new Dictionary<string, object>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw Fail($" ({spec.Type}): '{ModelFormatException.Shorten(property.Name)}' appears more than once.");
            if (property.Name == "type") continue;
            var option = spec.Find(property.Name)
                ?? throw Fail($" ({spec.Type}): unknown option '{ModelFormatException.Shorten(property.Name)}'; {spec.Type} accepts {spec.AcceptedOptions}.");
            if (option.TryRead(property.Value, out var value) is { } problem) throw Fail($" ({spec.Type}): {problem}");
            given[option.Name] = value!;
        }
        return TryCreate(spec, given, out var invalid) ?? throw Fail($" ({spec.Type}): {invalid}");
    }

    /// <summary>Writes the layer as a JSON object: "type" first, then every option.</summary>
    internal void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", Type);
        foreach (var (name, value) in _options)
        {
            json.WritePropertyName(name);
            switch (value)
            {
                case int i: json.WriteNumberValue(i); break;
                case double d: json.WriteNumberValue(d); break;
                case bool b: json.WriteBooleanValue(b); break;
                case string s: json.WriteStringValue(s); break;
                case IReadOnlyList<int> list when Spec.Find(name)!.Kind == LayerOptionKind.Size2 && list[0] == list[1]:
                    json.WriteNumberValue(list[0]);
                    break;
                case IReadOnlyList<int> list:
                    json.WriteStartArray();
                    foreach (int v in list) json.WriteNumberValue(v);
                    json.WriteEndArray();
                    break;
            }
        }
        json.WriteEndObject();
    }

    /// <summary>The layer as compact JSON, e.g. <c>{"type":"Dropout","p":0.2}</c>.</summary>
    public override string ToString()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) Write(json);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <inheritdoc/>
    public bool Equals(LayerDescription? other) =>
        other is not null && other.Spec == Spec && _options.Zip(other._options).All(p => ValueEquals(p.First.Value, p.Second.Value));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LayerDescription);

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private T Get<T>(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_byName.TryGetValue(name, out var value))
            throw new KeyNotFoundException($"{Type} has no option '{name}'; it has {Spec.AcceptedOptions}.");
        return value is T typed ? typed : throw new InvalidCastException($"{Type} option '{name}' is {LayerOptionSpec.FormatValue(value)}, not a {typeof(T).Name}.");
    }

    private static bool ValueEquals(object a, object b) =>
        a is IReadOnlyList<int> x && b is IReadOnlyList<int> y ? x.SequenceEqual(y) : a.Equals(b);

    private static LayerSpec Resolve(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return LayerRegistry.Find(type)
            ?? throw new ArgumentException($"Unknown layer type '{type}'; known types: {LayerRegistry.KnownTypes}.", nameof(type));
    }

    private static Dictionary<string, object> Convert(LayerSpec spec, IReadOnlyDictionary<string, object>? options)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, raw) in options ?? new Dictionary<string, object>())
        {
            var option = spec.Find(name)
                ?? throw new ArgumentException($"{spec.Type}: unknown option '{name}'; {spec.Type} accepts {spec.AcceptedOptions}.", nameof(options));
            if (option.TryConvert(raw, out var value) is { } problem) throw new ArgumentException($"{spec.Type}: {problem}", nameof(options));
            result[name] = value!;
        }
        return result;
    }
}
