using DeepSharp.Nn;

namespace DeepSharp.Serialization;

/// <summary>Plain safetensors state dicts for PyTorch: the module's own names (<c>0.weight</c>, <c>lstm.weight_ih_l0</c>, ...),
/// metadata <c>format = pt</c> and nothing else, so <c>model.load_state_dict(safetensors.torch.load_file(path), strict=True)</c>
/// accepts the file for the same architecture.</summary>
public static class TorchWeights
{
    /// <summary>Writes the state dict of <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="model">The model; parameters and buffers are written in their own dtype.</param>
    /// <param name="path">The .safetensors file.</param>
    public static void Save(Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = new SafeTensorsWriter().SetMetadata("format", "pt");
        StateDictIO.Write(writer, model, "");
        writer.Save(path);
    }
}
