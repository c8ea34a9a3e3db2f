using DeepSharp.Nn;
using DeepSharp.Nn.Models;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>Builds models from the library's JSON model format (<see cref="ModelDescription"/>) and presets.</summary>
internal static class ModelDescriptions
{
    /// <summary>Prefix of the description of a preset the model format cannot describe yet (convolutions).</summary>
    private const string PresetPrefix = "preset:";

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

    public static BuiltModel Mlp(int inputs, int[] hidden, int classes, string activation, RandomGenerator rng, string name = "mlp") =>
        FromDescription(ModelDescription.Mlp(inputs, hidden, classes, Activation(activation)), name, rng);

    public static BuiltModel LeNet5(LeNetVariant variant, RandomGenerator rng)
    {
        var module = Models.LeNet5(variant, rng);
        string description = ModelDescription.TryFromModule(module, out var d)
            ? new ModelDescription(d.Layers, [1, 28, 28]).ToJson()
            : PresetPrefix + "lenet5:" + variant.ToString().ToLowerInvariant();
        return new BuiltModel("lenet5", module, [1, 28, 28], 10, description);
    }

    /// <summary>A model from a JSON model description file.</summary>
    public static BuiltModel Load(string path, RandomGenerator rng)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model description '{path}' does not exist.", path);
        return FromDescription(ModelDescription.Load(path), Path.GetFileName(path), rng);
    }

    /// <summary>A model from the description stored in a checkpoint.</summary>
    public static BuiltModel FromStored(string description, string name, RandomGenerator rng)
    {
        if (description.StartsWith(PresetPrefix, StringComparison.Ordinal))
        {
            string preset = description[PresetPrefix.Length..];
            return preset switch
            {
                "lenet5:modern" => LeNet5(LeNetVariant.Modern, rng),
                "lenet5:classic" => LeNet5(LeNetVariant.Classic, rng),
                _ => throw new ModelFormatException(name, null, $"unknown model preset '{preset}'; expected lenet5:modern or lenet5:classic."),
            };
        }
        return FromDescription(ModelDescription.Parse(description, name), name, rng);
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

    private static BuiltModel FromDescription(ModelDescription description, string name, RandomGenerator rng)
    {
        int[] input = description.InputShape?.ToArray()
            ?? (description.Layers[0].Type is "Linear" or "Maxout" ? new[] { description.Layers[0].GetInt("in") } : null)
            ?? throw new CliUsageException($"model '{name}' does not say its input shape; add \"input\": [features] to the description.");
        Module module = description.Build(rng);
        // One forward pass on a zero sample checks that the layers fit together and gives the output size.
        var summary = module.Summary(input);
        int outputs = summary.OutputShape.Length == 2 ? summary.OutputShape[1]
            : throw new CliUsageException($"model '{name}' produces outputs of shape ({string.Join(", ", summary.OutputShape.Skip(1))}) per sample; a classifier must produce one score per class.");
        return new BuiltModel(name, module, input, outputs, new ModelDescription(description.Layers, input).ToJson());
    }
}
