using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>A model ready to train, with what it expects and what it produces.</summary>
/// <param name="Name">The name the user gave (<c>mlp</c>, a JSON file name, ...).</param>
/// <param name="Module">The model.</param>
/// <param name="InputShape">The shape of one input sample.</param>
/// <param name="Outputs">Output values per sample (the number of classes).</param>
/// <param name="Description">The architecture in the JSON model format, stored with the checkpoint.</param>
/// <remarks>Description is null for a model with no DeepSharp description (an imported ONNX graph).</remarks>
internal sealed record BuiltModel(string Name, Module Module, int[] InputShape, int Outputs, ModelDescription? Description);

/// <summary>The --model, --hidden and --activation options and the models they build.</summary>
internal static class ModelArguments
{
    public static readonly string[] Names = ["mlp", "perceptron", "lenet5", "resnet"];

    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "mlp, perceptron, lenet5, resnet, or a JSON model description file (default mlp)", ValueName: "NAME|FILE"),
        new("hidden", "Hidden layer sizes of mlp (default 64,64 for toy sets, 128 otherwise)", ValueName: "N,N,..."),
        new("activation", $"Hidden activation of mlp: {string.Join(", ", ModelDescriptions.Activations)} (default relu)", ValueName: "NAME"),
        new("variant", "LeNet-5 variant: modern (ReLU, max pooling; default) or classic (tanh, average pooling)", ValueName: "NAME"),
        new("width", "resnet: channels of the stem and first stage, doubled at each later stage (default 16)", ValueName: "N"),
        new("blocks", "resnet: basic blocks per stage (default 2,2,2; 2,2,2,2 with --width 64 is ResNet-18's layout)", ValueName: "N,N,..."),
    ];

    public static string ModelName(ParsedArguments args) => args.GetString("model", "mlp")!;

    /// <summary>True when --model names a JSON description rather than a built-in.</summary>
    public static bool IsFile(string model) => !Names.Contains(model.ToLowerInvariant())
        && (model.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || model.Contains('/') || model.Contains('\\') || File.Exists(model));

    /// <summary>Whether the model wants images as (1, H, W) rather than flattened rows.</summary>
    public static bool WantsImages(string model) => model.Equals("lenet5", StringComparison.OrdinalIgnoreCase)
        || model.Equals("resnet", StringComparison.OrdinalIgnoreCase)
        || (IsFile(model) && File.Exists(model) && ModelDescriptions.ReadInputShape(model) is { Length: > 1 });

    /// <summary>Builds the model for samples of <paramref name="inputShape"/> and <paramref name="classes"/> classes.</summary>
    /// <param name="source">What gave the shape and classes ("dataset", or "option" for summary's --input-shape), for messages.</param>
    public static BuiltModel Build(ParsedArguments args, string datasetName, int[] inputShape, int classes, int[] defaultHidden, RandomGenerator rng,
        string source = "dataset")
    {
        string model = ModelName(args);
        int features = inputShape.Aggregate(1, (a, b) => a * b);
        if (IsFile(model))
        {
            var built = ModelDescriptions.Load(model, rng);
            CheckShapes(built, datasetName, inputShape, classes, source);
            return built;
        }
        switch (model.ToLowerInvariant())
        {
            case "mlp":
            {
                int[] hidden = args.GetIntList("hidden", defaultHidden);
                string activation = args.GetString("activation", "relu")!;
                var built = ModelDescriptions.Mlp(features, hidden, classes, activation, rng);
                CheckShapes(built, datasetName, inputShape.Length == 1 ? inputShape : [features], classes, source);
                return built;
            }
            case "perceptron":
                if (args.Has("hidden")) throw new CliUsageException("'--hidden' applies to mlp; a perceptron has no hidden layer.");
                return ModelDescriptions.Mlp(features, [], classes, "relu", rng, "perceptron");
            case "lenet5":
            {
                string variant = args.GetChoice("variant", "modern", "modern", "classic");
                var built = ModelDescriptions.LeNet5(variant == "classic" ? LeNetVariant.Classic : LeNetVariant.Modern, classes, rng);
                CheckShapes(built, datasetName, inputShape, classes, source);
                return built;
            }
            case "resnet":
            {
                if (inputShape.Length != 3)
                    throw new CliUsageException($"model 'resnet' needs images (C, H, W) but {source} '{datasetName}' has samples of shape {string.Join("x", inputShape)}.");
                var options = new ResNetOptions(inputShape[0], classes, args.GetInt("width", 16), args.GetIntList("blocks", [2, 2, 2]));
                try
                {
                    options.Validate();
                }
                catch (ArgumentOutOfRangeException e)
                {
                    throw new CliUsageException(e.ParamName == nameof(ResNetOptions.Width)
                        ? $"'--width' must be in [1, 1024], got {options.Width}."
                        : $"'--blocks' needs 1 to 6 stages of 1 to 64 blocks, got {string.Join(",", options.StageBlocks)}.");
                }
                var built = ModelDescriptions.ResNet(options, inputShape, rng);
                CheckShapes(built, datasetName, inputShape, classes, source);
                return built;
            }
            default:
                throw new CliUsageException($"unknown model '{model}'; accepted: {string.Join(", ", Names)}, or a JSON model description file.");
        }
    }

    /// <summary>Rejects a model whose input or output size does not fit the data, before any training.</summary>
    public static void CheckShapes(BuiltModel model, string datasetName, int[] sampleShape, int classes, string source = "dataset")
    {
        int expected = model.InputShape.Aggregate(1, (a, b) => a * b);
        int features = sampleShape.Aggregate(1, (a, b) => a * b);
        if (expected != features || (model.InputShape.Length > 1 && !model.InputShape.SequenceEqual(sampleShape)))
        {
            string what = model.InputShape.Length == 1 ? $"{expected} inputs" : $"inputs of shape {string.Join("x", model.InputShape)}";
            string has = sampleShape.Length == 1 ? $"{features} features" : $"samples of shape {string.Join("x", sampleShape)}";
            throw new CliUsageException($"model '{model.Name}' expects {what} but {source} '{datasetName}' has {has}.");
        }
        if (model.Outputs < classes && !(model.Outputs == 1 && classes == 2))
            throw new CliUsageException($"model '{model.Name}' has {model.Outputs} outputs but {source} '{datasetName}' has {classes} classes.");
    }
}
