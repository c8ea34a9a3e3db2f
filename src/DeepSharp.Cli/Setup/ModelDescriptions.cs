using DeepSharp.Nn;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>Builds models through the library's JSON model format (<see cref="ModelDescription"/>) and its presets.</summary>
internal static class ModelDescriptions
{
    /// <summary>The accepted --activation names (lower case; '-' and '_' are ignored when matching).</summary>
    public static IReadOnlyList<string> Activations { get; } = [.. LayerDescription.ActivationTypes.Select(t => t.ToLowerInvariant())];

    public static LayerDescription Activation(string name)
    {
        try
        {
            return LayerDescription.Activation(name);
        }
        catch (ArgumentException)
        {
            throw new CliUsageException($"unknown activation '{name}'; accepted: {string.Join(", ", Activations)}.");
        }
    }

    public static BuiltModel Mlp(int inputs, int[] hidden, int classes, string activation, RandomGenerator rng, string name = "mlp")
    {
        var description = ModelDescription.Mlp(inputs, hidden, classes, Activation(activation));
        return Describe(name, description.Build(rng), description);
    }

    public static BuiltModel LeNet5(LeNetVariant variant, int classes, RandomGenerator rng)
    {
        var description = ModelDescription.LeNet5(variant, classes);
        return Describe("lenet5", description.Build(rng), description);
    }

    public static BuiltModel ResNet(ResNetOptions options, int[] imageShape, RandomGenerator rng)
    {
        var description = ModelDescription.ResNet(options, imageShape);
        return Describe("resnet", description.Build(rng), description);
    }

    /// <summary>A model from a JSON model description file.</summary>
    public static BuiltModel Load(string path, RandomGenerator rng)
    {
        InputFiles.Require(path, "model description");
        var description = ModelDescription.Load(path);
        return Describe(Path.GetFileName(path), description.Build(rng), description);
    }

    /// <summary>The input shape a description file declares, or null (unreadable files are reported when loaded).</summary>
    public static int[]? ReadInputShape(string path)
    {
        try
        {
            return ModelDescription.Load(path).InputShape?.ToArray();
        }
        catch (Exception e) when (e is ModelFormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Wraps a built model: its input shape from the description (or its first dense layer),
    /// its output size from one forward pass on a zero sample, which also checks that the layers fit together.</summary>
    public static BuiltModel Describe(string name, Module module, ModelDescription description)
    {
        int[] input = description.InputShape?.ToArray()
            ?? (description.Layers[0].Type is "Linear" or "Maxout" ? new[] { description.Layers[0].GetInt("in") } : null)
            ?? throw new CliUsageException($"model '{name}' does not say its input shape; add \"input\": [features] to the description.");
        var summary = module.Summary(input);
        int outputs = summary.OutputShape.Length == 2 ? summary.OutputShape[1]
            : throw new CliUsageException($"model '{name}' produces outputs of shape ({string.Join(", ", summary.OutputShape.Skip(1))}) per sample; a classifier must produce one score per class.");
        return new BuiltModel(name, module, input, outputs, new ModelDescription(description.Layers, input));
    }
}
