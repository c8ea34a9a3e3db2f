namespace DeepSharp.Serialization;

/// <summary>The <c>__metadata__</c> keys DeepSharp writes in its safetensors files.</summary>
internal static class MetadataKeys
{
    /// <summary>"weights" (a model's tensors) or "checkpoint" (a training checkpoint).</summary>
    public const string Format = "deepsharp.format";

    /// <summary>The file layout version, "1".</summary>
    public const string Version = "deepsharp.version";

    /// <summary>The model description JSON, when the model is describable.</summary>
    public const string Model = "deepsharp.model";

    /// <summary>Checkpoints: the number of epochs done.</summary>
    public const string Epoch = "deepsharp.epoch";

    /// <summary>Checkpoints: optimizer type, step counts and learning rates (JSON).</summary>
    public const string Optimizer = "deepsharp.optimizer";

    /// <summary>Checkpoints: schedule type and state (JSON).</summary>
    public const string Schedule = "deepsharp.schedule";

    /// <summary>Checkpoints: the training history so far (JSON).</summary>
    public const string History = "deepsharp.history";

    /// <summary>Checkpoints: the training data loader's position (JSON).</summary>
    public const string Loader = "deepsharp.loader";

    public const string WeightsFormat = "weights";
    public const string CheckpointFormat = "checkpoint";
    public const string CurrentVersion = "1";

    /// <summary>True for the keys DeepSharp's own sections use (other "deepsharp.*.*" keys, such as the
    /// command line's "deepsharp.cli.classes", are free for callers).</summary>
    public static bool IsReserved(string key) =>
        key is Format or Version or Model or Epoch or Optimizer or Schedule or History or Loader;

    /// <summary>Tensor name prefixes inside a checkpoint.</summary>
    public const string ModelPrefix = "model.";
    public const string OptimizerPrefix = "optimizer.";
    public const string GeneratorPrefix = "rng.";

    /// <summary>The description stored in a file, or null; a stored but invalid one is an error.</summary>
    public static ModelDescription? ReadDescription(SafeTensorsFile file)
    {
        if (!file.Metadata.TryGetValue(Model, out string? json)) return null;
        try
        {
            return ModelDescription.Parse(json, file.SourceName);
        }
        catch (ModelFormatException ex)
        {
            throw new ModelFormatException(file.SourceName, null, $"metadata '{Model}' is not a valid model description: {ex.Problem}", ex);
        }
    }

    /// <summary>Throws unless the description's parameters are exactly the file's tensors under
    /// <paramref name="prefix"/> (names, shapes and a float dtype a built model loads), so building it
    /// allocates no more than the file holds and loading the weights into it cannot fail.</summary>
    public static void CheckAgainstTensors(SafeTensorsFile file, ModelDescription description, string prefix)
    {
        var expected = description.ParameterShapes.Select(p => (p.Name, p.Shape, Parameter: true))
            .Concat(description.BufferShapes.Select(b => (b.Name, b.Shape, Parameter: false)));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, shape, parameter) in expected)
        {
            names.Add(prefix + name);
            if (!file.TryGetEntry(prefix + name, out var entry))
                throw new ModelFormatException(file.SourceName, prefix + name, "the model description has this parameter, but the file holds no such tensor.");
            if (!entry.Shape.Select(d => (long)d).SequenceEqual(shape))
                throw new ModelFormatException(file.SourceName, prefix + name,
                    $"shape mismatch: the model description gives ({string.Join(", ", shape)}), the file holds {entry.FormatShape()}.");
            // A description builds float32 parameters, which load from F32, F16 or BF16 only: anything
            // else would pass here and fail later, when the model is built. Buffers (a batch counter) keep their own type.
            if (parameter && entry.DType is not (SafeTensorsDType.Float32 or SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16))
                throw new ModelFormatException(file.SourceName, prefix + name,
                    $"the model description's parameters are float32, loadable from F32, F16 or BF16; the file holds {SafeTensorsDTypeInfo.HeaderName(entry.DType)}.");
        }
        foreach (var entry in file.Entries)
            if (entry.Name.StartsWith(prefix, StringComparison.Ordinal) && !names.Contains(entry.Name))
                throw new ModelFormatException(file.SourceName, entry.Name, "the file holds this tensor, but the model description has no such parameter.");
    }
}
