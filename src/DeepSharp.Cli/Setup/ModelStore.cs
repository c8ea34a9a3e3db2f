using System.Text.Json;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Serialization;
using DeepSharp.Training;

namespace DeepSharp.Cli.Setup;

/// <summary>A model read back from a checkpoint, with the class names it was trained on.</summary>
internal sealed record StoredModel(BuiltModel Model, IReadOnlyList<string> ClassNames, string Dataset);

/// <summary>
/// The checkpoint of a run: a library <see cref="Checkpoint"/> (weights, optimizer, schedule,
/// history, loader position, model description) plus what the command line needs to show results
/// (class names, dataset and model names) as extra metadata keys under <c>deepsharp.cli.</c>.
/// </summary>
internal static class ModelStore
{
    private const string ClassesKey = "deepsharp.cli.classes";
    private const string DatasetKey = "deepsharp.cli.dataset";
    private const string NameKey = "deepsharp.cli.model-name";

    public const string FileName = "checkpoint.safetensors";

    public static void Save(string path, BuiltModel model, Optimizer optimizer, LearningRateSchedule? schedule, History history, DataLoader loader,
        IReadOnlyList<string> classNames, string dataset)
    {
        Checkpoint.Save(path, model.Module, optimizer, schedule, history, loader, description: model.Description);
        // Re-write the file with the extra keys (atomically, like the checkpoint itself).
        var file = SafeTensorsFile.Read(path);
        var writer = new SafeTensorsWriter();
        foreach (var (key, value) in file.Metadata) writer.SetMetadata(key, value);
        writer.SetMetadata(ClassesKey, JsonSerializer.Serialize(classNames))
            .SetMetadata(DatasetKey, dataset)
            .SetMetadata(NameKey, model.Name);
        foreach (var entry in file.Entries) writer.AddRaw(entry.Name, entry.DType, entry.GetShapeArray(), file.GetRawBytes(entry.Name));
        writer.Save(path);
    }

    /// <summary>Loads a checkpoint written by train, or any DeepSharp checkpoint or weights file that stores its model description.</summary>
    public static StoredModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist.", path);
        var metadata = SafeTensorsFile.Read(path).Metadata;
        string name = metadata.GetValueOrDefault(NameKey) ?? Path.GetFileNameWithoutExtension(path);
        Module module = ModuleSerialization.LoadModel(path);
        var built = ModelDescriptions.Describe(name, module, ModuleSerialization.ReadDescription(path)!);
        built = built with { Name = name };
        string[] classes = metadata.TryGetValue(ClassesKey, out string? json) ? ParseNames(json, path) : [];
        if (classes.Length == 0) classes = Enumerable.Range(0, built.Outputs).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new StoredModel(built, classes, metadata.GetValueOrDefault(DatasetKey) ?? "spirals");
    }

    private static string[] ParseNames(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (JsonException)
        {
            throw new ModelFormatException(path, null, $"metadata '{ClassesKey}' is not a JSON array of class names.");
        }
    }
}
