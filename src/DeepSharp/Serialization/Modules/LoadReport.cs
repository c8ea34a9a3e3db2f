namespace DeepSharp.Serialization;

/// <summary>What a weight load matched: the names copied into the model, the model's tensors the
/// file lacked and the file's tensors the model lacks (the last two are empty after a strict load).</summary>
public sealed class LoadReport
{
    internal LoadReport(IReadOnlyList<string> loaded, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, ModelDescription? description)
    {
        Loaded = loaded;
        Missing = missing;
        Unexpected = unexpected;
        Description = description;
    }

    /// <summary>Names (as in <see cref="Nn.Module.StateDict"/>) whose values were copied, in model order.</summary>
    public IReadOnlyList<string> Loaded { get; }

    /// <summary>Names of model tensors the file does not hold (left unchanged).</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Names of file tensors the model does not have (ignored).</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>True when every model tensor was loaded and nothing in the file was left over.</summary>
    public bool IsExactMatch => Missing.Count == 0 && Unexpected.Count == 0;

    /// <summary>The model description stored in the file, or null when it has none.</summary>
    public ModelDescription? Description { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"loaded {Loaded.Count}, missing {Missing.Count}{List(Missing)}, unexpected {Unexpected.Count}{List(Unexpected)}";

    private static string List(IReadOnlyList<string> names) =>
        names.Count == 0 ? "" : " (" + string.Join(", ", names.Take(10).Select(ModelFormatException.Shorten)) + (names.Count > 10 ? ", ..." : "") + ")";
}
