using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using DeepSharp.IO;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization;

/// <summary>
/// A model architecture as data: the JSON model format of docs/model-format.md, e.g.
/// <c>{"format":"deepsharp-model","version":1,"input":[784],"layers":[{"type":"Linear","in":784,"out":128},{"type":"ReLU"}]}</c>.
/// Parsing is strict (unknown types, options or fields are errors naming the layer and what is
/// accepted) and never runs code: only the library's own layer types can be created.
/// </summary>
public sealed partial class ModelDescription : IEquatable<ModelDescription>
{
    /// <summary>The value of the "format" field.</summary>
    public const string FormatName = "deepsharp-model";

    /// <summary>The format version written, and the only one read.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Most layers a description may hold.</summary>
    public const int MaxLayers = 10_000;

    /// <summary>Longest JSON text accepted, in characters (and bytes for files).</summary>
    public const int MaxJsonLength = 4 << 20;

    private const int MaxInputRank = 8;
    private static readonly string[] TopLevelFields = ["format", "version", "input", "layers"];

    /// <summary>Creates a description.</summary>
    /// <param name="layers">The layers in application order (at least one, at most <see cref="MaxLayers"/>,
    /// stacking at most <see cref="MaxStackedLayers"/> and holding at most <see cref="MaxParameters"/> parameters).</param>
    /// <param name="inputShape">The shape of one input sample without the batch dimension (e.g. [784] or
    /// [1, 28, 28]), or null when not stated.</param>
    public ModelDescription(IEnumerable<LayerDescription> layers, IEnumerable<int>? inputShape = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        LayerDescription[] list = [.. layers];
        if (list.Length is 0 or > MaxLayers)
            throw new ArgumentException($"A model description needs 1 to {MaxLayers} layers, got {list.Length}.", nameof(layers));
        if (Array.IndexOf(list, null) is int nullAt and >= 0) throw new ArgumentNullException(nameof(layers), $"Layer {nullAt} is null.");
        if (inputShape is not null)
        {
            int[] shape = [.. inputShape];
            if (shape.Length is 0 or > MaxInputRank || shape.Any(d => d < 1))
                throw new ArgumentException($"The input shape must have 1 to {MaxInputRank} dimensions of at least 1, got [{string.Join(", ", shape)}].", nameof(inputShape));
            InputShape = Array.AsReadOnly(shape);
        }
        if (CheckLimits(list, InputShape?.ToArray()) is { } tooLarge) throw new ArgumentException($"The model description is too large: {tooLarge}", nameof(layers));
        Layers = Array.AsReadOnly(list);
    }

    /// <summary>The shape of one input sample (no batch dimension), or null when not stated.</summary>
    public IReadOnlyList<int>? InputShape { get; }

    /// <summary>The layers in application order.</summary>
    public IReadOnlyList<LayerDescription> Layers { get; }

    /// <summary>Every parameter of the built model with its dotted name (<c>0.weight</c>, as
    /// <see cref="Module.NamedParameters"/> gives them) and shape, known without building.</summary>
    public IReadOnlyList<(string Name, long[] Shape)> ParameterShapes =>
        [.. Layers.SelectMany((layer, i) => layer.ParameterShapes.Select(p => ($"{i}.{p.Name}", p.Shape)))];

    /// <summary>Every buffer of the built model (running statistics) with its dotted name and shape,
    /// in <see cref="Module.NamedBuffers"/> order, known without building.</summary>
    public IReadOnlyList<(string Name, long[] Shape)> BufferShapes =>
        [.. Layers.SelectMany((layer, i) => layer.BufferShapes.Select(p => ($"{i}.{p.Name}", p.Shape)))];

    /// <summary>Number of learnable scalars of the built model.</summary>
    public long ParameterCount => Layers.Sum(l => l.ParameterCount);

    /// <summary>Builds the model: a <see cref="Sequential"/> whose child i is layer i, initialized in
    /// layer order from <paramref name="rng"/>.</summary>
    public Sequential Build(RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var model = new Sequential();
        foreach (var layer in Layers) model.Add(layer.Build(rng));
        return model;
    }

    /// <summary>Describes a model made of known layer types (see <see cref="LayerDescription.KnownTypes"/>).</summary>
    /// <param name="model">A <see cref="Sequential"/> of known layers.</param>
    /// <param name="inputShape">The sample shape; when null it is taken from a first Linear or Maxout layer.</param>
    /// <exception cref="ArgumentException">A layer is of a type the format does not know; the message names its index.</exception>
    public static ModelDescription FromModule(Sequential model, IEnumerable<int>? inputShape = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return TryFromModule(model, out var description, out string? problem, inputShape)
            ? description
            : throw new ArgumentException(problem, nameof(model));
    }

    /// <summary>Describes <paramref name="model"/> when it is a non-empty <see cref="Sequential"/> of
    /// known layer types; false otherwise.</summary>
    public static bool TryFromModule(Module model, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelDescription? description) =>
        TryFromModule(model, out description, out _, null);

    private static bool TryFromModule(Module model, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelDescription? description,
        out string? problem, IEnumerable<int>? inputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        description = null;
        if (model is not Sequential { Count: > 0 } sequential)
        {
            problem = $"Only a non-empty Sequential can be described, got {model}.";
            return false;
        }
        var layers = new List<LayerDescription>(sequential.Count);
        for (int i = 0; i < sequential.Count; i++)
        {
            if (!LayerDescription.TryFromModule(sequential[i], out var layer))
            {
                problem = $"Layer {i} ({sequential[i].GetType().Name}) is not a layer type of the model format; known types: {LayerRegistry.KnownTypes}.";
                return false;
            }
            layers.Add(layer);
        }
        inputShape ??= layers[0].Type is "Linear" or "Maxout" ? [layers[0].GetInt("in")] : null;
        description = new ModelDescription(layers, inputShape);
        problem = null;
        return true;
    }

    /// <summary>Parses and validates a JSON model description: an object with "layers" (and optional
    /// "format", "version", "input"), or just the array of layers.</summary>
    /// <param name="json">The JSON text (comments and trailing commas allowed).</param>
    /// <param name="sourceName">Names the source (usually the file) in error messages.</param>
    /// <exception cref="ModelFormatException">Malformed JSON, an unknown field, layer type or option,
    /// a missing or invalid value, or a model above the size limits (<see cref="MaxParameters"/>,
    /// <see cref="MaxStackedLayers"/>, <see cref="MaxInputElements"/>); the message names the layer
    /// index and what is accepted.</exception>
    public static ModelDescription Parse(string json, string sourceName = "model description")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (json.Length > MaxJsonLength)
            throw new ModelFormatException(sourceName, null, $"the model description has {json.Length} characters, above the limit of {MaxJsonLength}.");
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                MaxDepth = 16,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            return Read(document.RootElement, sourceName);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException(sourceName, null, $"malformed JSON model description: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // A string escape encoding an unpaired surrogate surfaces here.
            throw new ModelFormatException(sourceName, null, $"malformed JSON model description: {ex.Message}", ex);
        }
    }

    /// <summary>Reads and parses a JSON model description file (at most <see cref="MaxJsonLength"/> bytes).</summary>
    /// <exception cref="ModelFormatException">The file is too large or not a valid description.</exception>
    public static ModelDescription Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaxJsonLength)
            throw new ModelFormatException(path, null, $"the file has {stream.Length} bytes, above the {MaxJsonLength}-byte limit of a model description.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        string text;
        try
        {
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException ex)
        {
            throw new ModelFormatException(path, null, "the model description is not valid UTF-8.", ex);
        }
        return Parse(text, path);
    }

    /// <summary>Writes <see cref="ToJson"/> (indented) to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToJson(indented: true) + "\n"));

    /// <summary>The description as JSON, with every option of every layer written out.</summary>
    /// <param name="indented">One layer per line (for files people read) instead of compact.</param>
    public string ToJson(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", CurrentVersion);
            if (InputShape is not null)
            {
                json.WriteStartArray("input");
                foreach (int d in InputShape) json.WriteNumberValue(d);
                json.WriteEndArray();
            }
            json.WriteStartArray("layers");
            foreach (var layer in Layers) layer.Write(json);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => ToJson();

    /// <inheritdoc/>
    public bool Equals(ModelDescription? other) =>
        other is not null
        && (InputShape is null ? other.InputShape is null : other.InputShape is not null && InputShape.SequenceEqual(other.InputShape))
        && Layers.SequenceEqual(other.Layers);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ModelDescription);

    /// <inheritdoc/>
    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);

    private static ModelDescription Read(JsonElement root, string source)
    {
        ModelFormatException Fail(string problem) => new(source, null, problem);
        JsonElement? layersElement = null;
        IEnumerable<int>? input = null;
        if (root.ValueKind == JsonValueKind.Array) layersElement = root;
        else if (root.ValueKind != JsonValueKind.Object)
            throw Fail($"a model description is an object with \"layers\" (or an array of layers), found {JsonValueKinds.Describe(root)}.");
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw Fail($"the field \"{ModelFormatException.Shorten(property.Name)}\" appears more than once.");
                var value = property.Value;
                switch (property.Name)
                {
                    case "format":
                        if (value.ValueKind != JsonValueKind.String || value.GetString() != FormatName)
                            throw Fail($"\"format\" must be \"{FormatName}\", found {JsonValueKinds.Describe(value)}.");
                        break;
                    case "version":
                        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int version) || version != CurrentVersion)
                            throw Fail($"\"version\" must be {CurrentVersion} (the only version this library reads), found {JsonValueKinds.Describe(value)}.");
                        break;
                    case "input":
                        input = ReadInputShape(value, source);
                        break;
                    case "layers":
                        layersElement = value;
                        break;
                    default:
                        throw Fail($"unknown field \"{ModelFormatException.Shorten(property.Name)}\"; accepted fields: {string.Join(", ", TopLevelFields)}.");
                }
            }
        }
        if (layersElement is not { ValueKind: JsonValueKind.Array } layersArray)
            throw Fail($"\"layers\" must be an array of layer objects, found {(layersElement is { } e ? JsonValueKinds.Describe(e) : "nothing")}.");
        int count = layersArray.GetArrayLength();
        if (count is 0 or > MaxLayers) throw Fail($"a model needs 1 to {MaxLayers} layers, found {count}.");
        var layers = new List<LayerDescription>(count);
        int index = 0;
        foreach (var element in layersArray.EnumerateArray()) layers.Add(LayerDescription.Read(element, index++, source));
        if (CheckLimits([.. layers], input?.ToArray()) is { } tooLarge) throw Fail(tooLarge);
        return new ModelDescription(layers, input);
    }

    private static ReadOnlyCollection<int> ReadInputShape(JsonElement value, string source)
    {
        var dims = new List<int>();
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() is >= 1 and <= MaxInputRank)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out int d) || d < 1) break;
                dims.Add(d);
            }
            if (dims.Count == value.GetArrayLength()) return dims.AsReadOnly();
        }
        throw new ModelFormatException(source, null,
            $"\"input\" must be the sample shape, 1 to {MaxInputRank} integers >= 1 such as [784] or [1, 28, 28], found {JsonValueKinds.Describe(value)}.");
    }

    /// <summary>Throws when this description's parameters (names and shapes) differ from <paramref name="model"/>'s.</summary>
    internal void CheckFits(Module model)
    {
        var expected = ParameterShapes.Select(p => (p.Name, string.Join(",", p.Shape)));
        var actual = model.NamedParameters().Select(p => (p.Name, string.Join(",", p.Value.ShapeArray)));
        if (!expected.SequenceEqual(actual))
            throw new ArgumentException("The description's parameters (names and shapes) differ from the model's.", "description");
    }
}
