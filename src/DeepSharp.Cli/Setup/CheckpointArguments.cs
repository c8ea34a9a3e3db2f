using DeepSharp.Cli.Datasets;
using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>Where evaluate, predict and export get their model: --checkpoint, --model file.onnx, or
/// --model NAME --weights file.safetensors (plain PyTorch-style weights, no description needed).</summary>
internal static class CheckpointArguments
{
    public static OptionSpec Option { get; } = new("checkpoint", "A model file written by 'deepsharp train' (runs/<id>/checkpoint.safetensors)", ValueName: "FILE");

    public static OptionSpec WeightsOption { get; } = new("weights",
        "Plain safetensors weights (e.g. from PyTorch) for the --model this command builds; with --model file.onnx none is needed", ValueName: "FILE");

    /// <summary>The options that pick a model without a checkpoint.</summary>
    public static IReadOnlyList<OptionSpec> ModelOptions { get; } = [.. ModelArguments.Options, WeightsOption];

    public static StoredModel Load(ParsedArguments args, string command)
    {
        string? model = args.GetString("model");
        if (args.GetString("checkpoint") is not { } path)
        {
            if (model is not null && model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
                return OnnxModels.Load(model, args.GetString("dataset"));
            if (model is not null && args.GetString("weights") is { } weights)
                return LoadWeights(args, command, weights);
            throw new CliUsageException($"'{command}': give --checkpoint <file>, --model <file.onnx>, or --model <name> --weights <file.safetensors>.");
        }
        if (model is not null || args.Has("weights"))
            throw new CliUsageException($"'{command}': give either --checkpoint or --model/--weights, not both.");
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

    /// <summary>Builds --model for the --dataset's shapes and loads --weights into it strictly (names, shapes, dtypes).</summary>
    private static StoredModel LoadWeights(ParsedArguments args, string command, string weights)
    {
        if (!File.Exists(weights)) throw new FileNotFoundException($"weights file '{weights}' does not exist.", weights);
        string dataset = args.GetString("dataset")
            ?? throw new CliUsageException($"'{command}': --weights needs --dataset (the data the weights were trained on gives the model's shapes).");
        var data = DatasetArguments.Load(args, dataset, 1, flattenImages: !ModelArguments.WantsImages(ModelArguments.ModelName(args)));
        var built = ModelArguments.Build(args, data.Name, data.Train.InputShape.ToArray(), data.Classes, [128], new RandomGenerator(0));
        Serialization.ModuleSerialization.Load(built.Module, weights, strict: true);
        return new StoredModel(built with { Name = Path.GetFileName(weights) }, data.ClassNames, data.Name);
    }
}
