using DeepSharp.Nn;
using DeepSharp.Nn.Models;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>Builds models from the library's JSON model format (<see cref="ModelDescription"/>) and presets.</summary>
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

    public static BuiltModel LeNet5(LeNetVariant variant, RandomGenerator rng)
    {
        var module = Models.LeNet5(variant, rng);
        // Described when the model format knows convolutions; otherwise the checkpoint names the preset.
        var description = ModelDescription.TryFromModule(module, out var d) ? new ModelDescription(d.Layers, [1, 28, 28]) : null;
        return new BuiltModel("lenet5", module, [1, 28, 28], 10, description, description is null ? "lenet5:" + variant.ToString().ToLowerInvariant() : null);
    }

    /// <summary>The model of a preset name stored in a checkpoint.</summary>
    public static BuiltModel Preset(string preset, string source) => preset switch
    {
        "lenet5:modern" => LeNet5(LeNetVariant.Modern, new RandomGenerator(0)),
        "lenet5:classic" => LeNet5(LeNetVariant.Classic, new RandomGenerator(0)),
        _ => throw new ModelFormatException(source, null, $"unknown model preset '{preset}'; expected lenet5:modern or lenet5:classic."),
    };

    /// <summary>A model from a JSON model description file.</summary>
    public static BuiltModel Load(string path, RandomGenerator rng)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model description '{path}' does not exist.", path);
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
    public static BuiltModel Describe(string name, Module module, ModelDescription? description)
    {
        int[] input = description?.InputShape?.ToArray()
            ?? (description?.Layers[0].Type is "Linear" or "Maxout" ? new[] { description.Layers[0].GetInt("in") } : null)
            ?? throw new CliUsageException($"model '{name}' does not say its input shape; add \"input\": [features] to the description.");
        var summary = module.Summary(input);
        int outputs = summary.OutputShape.Length == 2 ? summary.OutputShape[1]
            : throw new CliUsageException($"model '{name}' produces outputs of shape ({string.Join(", ", summary.OutputShape.Skip(1))}) per sample; a classifier must produce one score per class.");
        var complete = description is null ? null : new ModelDescription(description.Layers, input);
        return new BuiltModel(name, module, input, outputs, complete);
    }
}
