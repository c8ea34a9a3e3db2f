using System.Text.Json;
using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>A model read back from a checkpoint, with the class names it was trained on.</summary>
internal sealed record StoredModel(BuiltModel Model, IReadOnlyList<string> ClassNames, string Dataset);

/// <summary>Writes and reads the model file of a run: the weights in the safetensors layout with
/// the model description, class names and dataset name in its metadata.</summary>
internal static class ModelStore
{
    private const string DescriptionKey = "deepsharp.model";
    private const string ClassesKey = "deepsharp.classes";
    private const string DatasetKey = "deepsharp.dataset";
    private const string NameKey = "deepsharp.model-name";

    public const string FileName = "model.safetensors";

    public static void Save(string path, BuiltModel model, IReadOnlyList<string> classNames, string dataset)
    {
        var writer = new SafeTensorsWriter()
            .SetMetadata(DescriptionKey, model.Description)
            .SetMetadata(ClassesKey, JsonSerializer.Serialize(classNames))
            .SetMetadata(DatasetKey, dataset)
            .SetMetadata(NameKey, model.Name);
        foreach (var (name, value) in model.Module.StateDict())
            writer.AddFloat32(name, value.Shape, value.Contiguous().ToArray<float>());
        writer.Save(path);
    }

    public static StoredModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist.", path);
        var file = SafeTensorsFile.Read(path);
        if (!file.Metadata.TryGetValue(DescriptionKey, out string? description))
            throw new ModelFormatException(path, null, $"no model description in the metadata ('{DescriptionKey}'); expected a checkpoint written by 'deepsharp train'.");
        string modelName = file.Metadata.GetValueOrDefault(NameKey, Path.GetFileNameWithoutExtension(path));
        var built = ModelDescriptions.FromStored(description, modelName, new RandomGenerator(0));
        foreach (var (name, value) in built.Module.StateDict())
        {
            var entry = file.GetEntry(name);
            if (!entry.Shape.SequenceEqual(value.ShapeArray))
                throw new ModelFormatException(path, name, $"expected shape ({string.Join(", ", value.ShapeArray)}), found ({string.Join(", ", entry.Shape)}).");
            file.GetFloat32(name).CopyTo(value.AsSpan<float>());
        }
        string[] classes = file.Metadata.TryGetValue(ClassesKey, out string? json) ? JsonSerializer.Deserialize<string[]>(json) ?? [] : [];
        if (classes.Length == 0) classes = Enumerable.Range(0, built.Outputs).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new StoredModel(built, classes, file.Metadata.GetValueOrDefault(DatasetKey, "?"));
    }
}
