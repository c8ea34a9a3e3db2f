using DeepSharp.Autograd;
using DeepSharp.Serialization;
using DeepSharp.Serialization.Onnx;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary>An .onnx file as the model of evaluate and predict.</summary>
internal static class OnnxModels
{
    public static StoredModel Load(string path, string? dataset)
    {
        var model = OnnxModel.Load(path);
        if (model.InputShape.Count < 2 || model.InputShape.Skip(1).Any(d => d is null))
            throw new ModelFormatException(path, null,
                $"the input '{model.InputName}' must be (batch, ...) with fixed sizes after the batch, got ({string.Join(", ", model.InputShape.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"))}).");
        int[] shape = [.. model.InputShape.Skip(1).Select(d => d!.Value)];
        int outputs;
        using (GradMode.NoGrad())
            outputs = model.Forward(Tensor.Zeros([1, .. shape])).Shape[^1];
        var built = new BuiltModel(Path.GetFileName(path), model, shape, outputs, Description: null);
        string[] classes = [.. Enumerable.Range(0, outputs).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return new StoredModel(built, classes, dataset ?? (shape.SequenceEqual([1, 28, 28]) || shape.SequenceEqual([784]) ? "fashion-mnist" : "spirals"));
    }
}
