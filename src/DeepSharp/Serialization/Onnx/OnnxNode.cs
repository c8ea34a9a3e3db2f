using System.Globalization;
using DeepSharp.Serialization.Onnx.Proto;

namespace DeepSharp.Serialization.Onnx;

/// <summary>One node of an imported graph with typed attribute access; errors name the op and the node.</summary>
internal sealed class OnnxNode(NodeProto proto, string file, int index)
{
    public NodeProto Proto { get; } = proto;

    /// <summary>The file the node came from (for messages).</summary>
    public string File { get; } = file;

    public string Op => Proto.OpType;

    /// <summary>The node's name, or its position when the file gives none.</summary>
    public string Name { get; } = string.IsNullOrEmpty(proto.Name) ? string.Create(CultureInfo.InvariantCulture, $"#{index}") : proto.Name;

    public ModelFormatException Error(string problem) =>
        new(File, null, $"op '{Op}' (node '{ModelFormatException.Shorten(Name)}'): {problem}");

    private AttributeProto? Find(string name) => Proto.Attribute.FirstOrDefault(a => a.Name == name);

    public long Int(string name, long fallback) => Find(name) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Find(name) is { } a ? a.F : fallback;

    public string String(string name, string fallback) => Find(name) is { } a ? a.S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => Find(name) is { } a ? [.. a.Ints] : null;

    public string[]? Strings(string name) => Find(name) is { } a ? [.. a.Strings.Select(s => s.ToStringUtf8())] : null;

    public TensorProto? TensorAttribute(string name) => Find(name)?.T;

    /// <summary>Throws when an attribute is present with a value other than the one supported.</summary>
    public void Require(string name, long supported)
    {
        if (Find(name) is { } a && a.I != supported)
            throw Error($"attribute {name} = {a.I} is not supported (only {supported}).");
    }
}
