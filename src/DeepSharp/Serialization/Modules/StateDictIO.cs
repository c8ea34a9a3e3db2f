using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization;

/// <summary>
/// Moves a module's parameters and buffers to and from safetensors tensors under a name prefix.
/// Loading checks every name, dtype and shape before copying anything, so a failed load leaves
/// the model unchanged; values are copied into the existing tensors, never swapped for new ones
/// (optimizers and views keep pointing at the model's tensors).
/// </summary>
internal static class StateDictIO
{
    /// <summary>Adds every state tensor of <paramref name="model"/> as <c>prefix + name</c>, in its own dtype.</summary>
    public static void Write(SafeTensorsWriter writer, Module model, string prefix)
    {
        foreach (var (name, value) in model.StateDict())
        {
            int[] shape = value.ShapeArray;
            switch (value.DType)
            {
                case DType.Float32: writer.AddFloat32(prefix + name, shape, value.ToArray<float>()); break;
                case DType.Float64: writer.AddFloat64(prefix + name, shape, value.ToArray<double>()); break;
                default: writer.AddInt32(prefix + name, shape, value.ToArray<int>()); break;
            }
        }
    }

    /// <summary>Copies the tensors named <c>prefix + name</c> of <paramref name="file"/> into the model.</summary>
    /// <param name="file">A validated file.</param>
    /// <param name="model">The destination.</param>
    /// <param name="prefix">Name prefix of the model's tensors in the file ("" or "model.").</param>
    /// <param name="strict">Throw unless the names match exactly.</param>
    /// <param name="description">Reported back in the <see cref="LoadReport"/>.</param>
    /// <exception cref="ModelFormatException">A dtype or shape differs, (strict) a name is missing or
    /// unexpected, or a floating-point tensor holds NaN or infinity.</exception>
    public static LoadReport Read(SafeTensorsFile file, Module model, string prefix, bool strict, ModelDescription? description)
    {
        var state = model.StateDict();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var present = new List<(string Name, Tensor Value, TensorEntry Entry)>();
        foreach (var (name, value) in state)
        {
            known.Add(prefix + name);
            if (!file.TryGetEntry(prefix + name, out var entry))
            {
                missing.Add(name);
                continue;
            }
            Check(file, entry, value);
            present.Add((name, value, entry));
        }
        var unexpected = file.Entries.Select(e => e.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !known.Contains(n))
            .Select(n => n[prefix.Length..]).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
            throw new ModelFormatException(file.SourceName, missing.Count > 0 ? prefix + missing[0] : prefix + unexpected[0],
                $"the file's tensors do not match the model's: {Names("missing from the file", missing)}{(missing.Count > 0 && unexpected.Count > 0 ? "; " : "")}" +
                $"{Names("not in the model", unexpected)} (load with strict: false to load the rest).");

        // Decode everything first: a failure part-way must not leave the model half loaded.
        var sources = present.Select(p => Decode(file, p.Entry, p.Value)).ToArray();
        using (GradMode.NoGrad())
            for (int i = 0; i < present.Count; i++) present[i].Value.CopyFrom(sources[i].To(present[i].Value.Device));
        return new LoadReport([.. present.Select(p => p.Name)], missing, unexpected, description);
    }

    private static void Check(SafeTensorsFile file, TensorEntry entry, Tensor value)
    {
        bool dtypeFits = value.DType switch
        {
            DType.Float32 => entry.DType is SafeTensorsDType.Float32 or SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16,
            DType.Float64 => entry.DType is SafeTensorsDType.Float64 or SafeTensorsDType.Float32,
            _ => entry.DType == SafeTensorsDType.Int32,
        };
        if (!dtypeFits)
            throw new ModelFormatException(file.SourceName, entry.Name,
                $"the model's tensor is {value.DType}, which cannot be loaded from {SafeTensorsDTypeInfo.HeaderName(entry.DType)}.");
        if (!entry.Shape.SequenceEqual(value.ShapeArray))
            throw new ModelFormatException(file.SourceName, entry.Name,
                $"shape mismatch: the model expects {Shapes.Format(value.Shape)}, the file holds {entry.FormatShape()}.");
    }

    private static Tensor Decode(SafeTensorsFile file, TensorEntry entry, Tensor like)
    {
        int[] shape = entry.GetShapeArray();
        var decoded = like.DType switch
        {
            DType.Float32 => Tensor.FromArray(Finite(file, entry, file.GetFloat32(entry.Name)), shape),
            DType.Float64 when entry.DType == SafeTensorsDType.Float32 => Tensor.FromArray(Finite(file, entry, file.GetFloat32(entry.Name)), shape).To(DType.Float64),
            DType.Float64 => Tensor.FromArray(Finite(file, entry, file.GetFloat64(entry.Name)), shape),
            _ => Tensor.FromArray(file.GetInt32(entry.Name), shape),
        };
        // FromArray reads an empty shape as 1-D; a stored scalar (a batch counter) stays a scalar.
        return shape.Length == 0 ? decoded.Reshape([]) : decoded;
    }

    // Weights that are NaN or infinite make every prediction NaN: a file holding them is refused
    // (docs/robustness.md), naming the tensor and the first bad element.
    private static T[] Finite<T>(SafeTensorsFile file, TensorEntry entry, T[] values) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
            if (!T.IsFinite(values[i]))
                throw new ModelFormatException(file.SourceName, entry.Name,
                    $"element {i} is {values[i]}; weights must be finite (a diverged run's weights are not loaded).");
        return values;
    }

    private static string Names(string what, List<string> names) =>
        names.Count == 0 ? "" : $"{names.Count} {what} ({string.Join(", ", names.Take(5).Select(ModelFormatException.Shorten))}{(names.Count > 5 ? ", ..." : "")})";
}
