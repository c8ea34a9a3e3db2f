using System.Text.Json;
using System.Text.Json.Nodes;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>Builds models and their JSON descriptions.</summary>
internal static class ModelDescriptions
{
    public static BuiltModel Mlp(int inputs, int[] hidden, int classes, string activation, RandomGenerator rng)
    {
        var model = new Sequential();
        var layers = new JsonArray();
        int width = inputs;
        foreach (int h in hidden)
        {
            model.Add(new Linear(width, h, rng: rng));
            model.Add(Activations.Create(activation));
            layers.Add(new JsonObject { ["type"] = "linear", ["out"] = h });
            layers.Add(new JsonObject { ["type"] = activation });
            width = h;
        }
        model.Add(new Linear(width, classes, rng: rng));
        layers.Add(new JsonObject { ["type"] = "linear", ["out"] = classes });
        var json = new JsonObject { ["input"] = new JsonArray(inputs), ["layers"] = layers };
        return new BuiltModel("mlp", model, [inputs], classes, json.ToJsonString());
    }

    public static BuiltModel LeNet5(int classes, RandomGenerator rng) =>
        throw new CliUsageException("model 'lenet5' needs the convolution layers, which this build does not have yet.");

    public static BuiltModel Load(string path, RandomGenerator rng)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model description '{path}' does not exist.", path);
        return FromJson(File.ReadAllText(path), Path.GetFileName(path), rng);
    }

    /// <summary>Builds a dense model from <c>{"input":[F],"layers":[{"type":"linear","out":N},{"type":"relu"},...]}</c>.</summary>
    public static BuiltModel FromJson(string json, string name, RandomGenerator rng)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"model '{name}': not valid JSON: {e.Message}");
        }
        int[] input = root?["input"]?.AsArray().Select(v => v!.GetValue<int>()).ToArray()
            ?? throw new FormatException($"model '{name}': expected an \"input\" array, e.g. [2].");
        if (input.Length != 1 || input[0] < 1) throw new FormatException($"model '{name}': expected \"input\" to be [features], got [{string.Join(", ", input)}].");
        var layers = root!["layers"]?.AsArray() ?? throw new FormatException($"model '{name}': expected a \"layers\" array.");
        var model = new Sequential();
        int width = input[0];
        foreach (var layer in layers)
        {
            string type = layer?["type"]?.GetValue<string>() ?? throw new FormatException($"model '{name}': every layer needs a \"type\".");
            if (type == "linear")
            {
                int outputs = layer!["out"]?.GetValue<int>() ?? throw new FormatException($"model '{name}': a linear layer needs \"out\".");
                model.Add(new Linear(width, outputs, rng: rng));
                width = outputs;
            }
            else model.Add(Activations.Create(type));
        }
        return new BuiltModel(name, model, input, width, root.ToJsonString());
    }

    public static int[]? ReadInputShape(string path)
    {
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path));
            return node?["input"]?.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
