using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization;

/// <summary>
/// Saves and loads a model's weights as a <c>.safetensors</c> file: one tensor per parameter and
/// buffer, named as in <see cref="Module.StateDict"/> (<c>0.weight</c>, <c>0.bias</c>, ...), in the
/// tensor's own dtype (F32 for ordinary models), with the model description in the metadata when
/// the model is describable. Python's <c>safetensors</c> reads these files, and the names and
/// layouts follow PyTorch's (a Linear weight is (out, in)).
/// </summary>
public static class ModuleSerialization
{
    /// <summary>Writes the weights of <paramref name="model"/> to <paramref name="path"/> atomically:
    /// a failure or a killed process leaves the previous file, if any, intact.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file, conventionally with the <c>.safetensors</c> extension.</param>
    /// <param name="description">The architecture to store; when null it is derived from the model if
    /// the model is a <see cref="Sequential"/> of known layers, otherwise none is stored.</param>
    public static void Save(this Module model, string path, ModelDescription? description = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ToWriter(model, description).Save(path);
    }

    /// <summary>Copies the weights stored in <paramref name="path"/> into the model's existing
    /// tensors (also accepts a a training <c>Checkpoint</c> (DeepSharp.Training) file, whose model tensors are used).</summary>
    /// <param name="model">The destination; its tensors keep their identity.</param>
    /// <param name="path">A file written by <see cref="Save"/> or any safetensors file with matching names.</param>
    /// <param name="strict">When true (the default) the names must match exactly; when false, missing
    /// and unexpected names are reported in the result and the matching tensors are loaded.</param>
    /// <exception cref="ModelFormatException">The file is invalid, a tensor's shape or dtype differs
    /// (the message names the tensor and both shapes) or, when strict, the names differ. The model is
    /// unchanged then.</exception>
    public static LoadReport Load(this Module model, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Load(model, SafeTensorsFile.Read(path), strict);
    }

    /// <summary>As <see cref="Load(Module, string, bool)"/>, from a stream (read to its end; left open).</summary>
    public static LoadReport Load(this Module model, Stream stream, string sourceName, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Load(model, SafeTensorsFile.Read(stream, sourceName), strict);
    }

    /// <summary>Rebuilds a model from a weights file or checkpoint that stores its description,
    /// then loads its weights: no code needed.</summary>
    /// <exception cref="ModelFormatException">The file is invalid, holds no description, or its
    /// description does not match its tensors.</exception>
    public static Sequential LoadModel(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = SafeTensorsFile.Read(path);
        // A training checkpoint keeps the weights under "model."; its other sections are not needed here.
        string prefix = IsCheckpoint(file) ? MetadataKeys.ModelPrefix : "";
        var description = MetadataKeys.ReadDescription(file)
            ?? throw new ModelFormatException(file.SourceName, null,
                $"the file stores no model description (metadata '{MetadataKeys.Model}'), so the model cannot be rebuilt; build it in code and call Load.");
        MetadataKeys.CheckAgainstTensors(file, description, prefix);
        var model = description.Build(new RandomGenerator(0));
        StateDictIO.Read(file, model, prefix, strict: true, description);
        return model;
    }

    /// <summary>The model description stored in a weights file or checkpoint, or null.</summary>
    /// <exception cref="ModelFormatException">The file is invalid or its stored description is.</exception>
    public static ModelDescription? ReadDescription(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = SafeTensorsReader.Open(path);
        if (!reader.Metadata.TryGetValue(MetadataKeys.Model, out string? json)) return null;
        try
        {
            return ModelDescription.Parse(json, path);
        }
        catch (ModelFormatException ex)
        {
            throw new ModelFormatException(path, null, $"metadata '{MetadataKeys.Model}' is not a valid model description: {ex.Problem}", ex);
        }
    }

    internal static SafeTensorsWriter ToWriter(Module model, ModelDescription? description)
    {
        var writer = new SafeTensorsWriter()
            .SetMetadata(MetadataKeys.Format, MetadataKeys.WeightsFormat)
            .SetMetadata(MetadataKeys.Version, MetadataKeys.CurrentVersion);
        if (description is not null) description.CheckFits(model);
        if (description is not null || ModelDescription.TryFromModule(model, out description))
            writer.SetMetadata(MetadataKeys.Model, description.ToJson());
        StateDictIO.Write(writer, model, "");
        return writer;
    }

    private static LoadReport Load(Module model, SafeTensorsFile file, bool strict)
    {
        string prefix = IsCheckpoint(file) ? MetadataKeys.ModelPrefix : "";
        return StateDictIO.Read(file, model, prefix, strict, MetadataKeys.ReadDescription(file));
    }

    private static bool IsCheckpoint(SafeTensorsFile file) =>
        file.Metadata.TryGetValue(MetadataKeys.Format, out string? format) && format == MetadataKeys.CheckpointFormat;
}
