using DeepSharp.Cli.Datasets;
using DeepSharp.Data;

namespace DeepSharp.Cli.Setup;

/// <summary>The --checkpoint option of evaluate and predict.</summary>
internal static class CheckpointArguments
{
    public static OptionSpec Option { get; } = new("checkpoint", "A model file written by 'deepsharp train' (runs/<id>/checkpoint.safetensors)", ValueName: "FILE");

    public static StoredModel Load(ParsedArguments args, string command)
    {
        string path = args.GetString("checkpoint") ?? throw new CliUsageException($"'{command}': --checkpoint <file> is required.");
        if (Directory.Exists(path)) path = Path.Combine(path, ModelStore.FileName);
        return ModelStore.Load(path);
    }

    /// <summary>Loads the dataset to evaluate <paramref name="stored"/> on: --dataset, or the one it was trained on.</summary>
    public static NamedDataset LoadData(ParsedArguments args, StoredModel stored, ulong seed)
    {
        var data = DatasetArguments.Load(args, stored.Dataset, seed, flattenImages: stored.Model.InputShape.Length == 1);
        ModelArguments.CheckShapes(stored.Model, data.Name, data.Train.InputShape.ToArray(), data.Classes);
        return data;
    }
}
