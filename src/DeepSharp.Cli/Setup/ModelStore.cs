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

    /// <summary>The command line's own checkpoint metadata, written in the same atomic write as the
    /// checkpoint (through <see cref="CheckpointOptions.Metadata"/>).</summary>
    public static IReadOnlyDictionary<string, string> Metadata(BuiltModel model, IReadOnlyList<string> classNames, string dataset) =>
        new Dictionary<string, string>
        {
            [ClassesKey] = JsonSerializer.Serialize(classNames),
            [DatasetKey] = dataset,
            [NameKey] = model.Name,
        };

    /// <summary>Loads a checkpoint written by train, or any DeepSharp checkpoint or weights file that stores its model description.</summary>
    public static StoredModel Load(string path)
    {
        InputFiles.Require(path, "checkpoint");
        var metadata = SafeTensorsFile.Read(path).Metadata;
        return Stored(metadata, path, ModuleSerialization.LoadModel(path), ModuleSerialization.ReadDescription(path)!);
    }

    /// <summary>Loads a training checkpoint (not a weights file) with its model, for resuming training.</summary>
    public static (Checkpoint Checkpoint, StoredModel Stored) LoadCheckpoint(string path)
    {
        InputFiles.Require(path, "checkpoint");
        var checkpoint = Checkpoint.Load(path);
        if (checkpoint.Description is not { } description)
            throw new CliUsageException($"checkpoint '{path}' stores no model description, so the model cannot be rebuilt.");
        return (checkpoint, Stored(checkpoint.Metadata, path, checkpoint.BuildModel(), description));
    }

    private static StoredModel Stored(IReadOnlyDictionary<string, string> metadata, string path, Module module, ModelDescription description)
    {
        string name = metadata.GetValueOrDefault(NameKey) ?? Path.GetFileNameWithoutExtension(path);
        var built = ModelDescriptions.Describe(name, module, description) with { Name = name };
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
