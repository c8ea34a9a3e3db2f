using System.Globalization;
using System.Text;
using DeepSharp.Nn;
using DeepSharp.Serialization.Onnx.Proto;
using DeepSharp.Tensors;
using Google.Protobuf;

namespace DeepSharp.Serialization.Onnx;

/// <summary>
/// An ONNX model loaded as a DeepSharp module: <see cref="Forward"/> runs the graph's nodes in order with
/// DeepSharp tensor ops. Float initializers become parameters (names with '.' written with '_'), each RNN /
/// LSTM / GRU node becomes an <see cref="Rnn"/> / <see cref="Lstm"/> / <see cref="Gru"/> child.
/// </summary>
/// <remarks>
/// Covers what torch.onnx.export writes for MLPs, CNNs (Conv, pooling, BatchNormalization, Pad, Flatten) and
/// recurrent models (with the Shape / Gather / Slice / ConstantOfShape plumbing around them), and what
/// <see cref="OnnxExport"/> writes except GELU's Erf. Opset 13 or later, default domain, one graph input;
/// Forward returns the first graph output. An op outside the list fails at load with one error naming op and node.
/// </remarks>
public sealed class OnnxModel : Module
{
    private readonly string _file;
    private readonly List<OnnxNode> _nodes = [];
    private readonly Dictionary<string, OnnxValue> _constants = [];
    private readonly Dictionary<int, RecurrentLayerBase> _recurrent = [];

    private OnnxModel(ModelProto proto, string file)
    {
        _file = file;
        var graph = proto.Graph ?? throw Error("the file has no graph.");
        Opset = proto.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (Opset < 13) throw Error($"opset {Opset} is not supported (13 or later; re-export with opset_version=17).");
        ProducerName = proto.ProducerName;
        for (int i = 0; i < graph.Node.Count; i++)
        {
            var node = new OnnxNode(graph.Node[i], file, i);
            if (!string.IsNullOrEmpty(node.Proto.Domain) && node.Proto.Domain != "ai.onnx")
                throw node.Error($"domain '{node.Proto.Domain}' is not supported (only the default ONNX domain).");
            if (!OnnxOps.Supported.Contains(node.Op))
                throw node.Error("is not supported by the DeepSharp importer (docs/onnx.md lists the supported ops).");
            _nodes.Add(node);
        }
        var initializerNames = graph.Initializer.Select(t => t.Name).ToHashSet();
        var recurrentWeights = _nodes.Where(n => OnnxRecurrentImport.Supported.Contains(n.Op))
            .SelectMany(n => n.Proto.Input.Skip(1).Take(3)).ToHashSet();
        var used = new HashSet<string>();
        foreach (var t in graph.Initializer)
        {
            var value = OnnxTensorReader.Read(t, file);
            if (!value.IsInteger && !recurrentWeights.Contains(t.Name))
                value = OnnxValue.Float(RegisterParameter(UniqueName(t.Name, used), value.Tensor));
            _constants[t.Name] = value;
        }
        for (int i = 0; i < _nodes.Count; i++)
            if (OnnxRecurrentImport.Supported.Contains(_nodes[i].Op))
                _recurrent[i] = RegisterModule(UniqueName("recurrent_" + _nodes[i].Name, used),
                    OnnxRecurrentImport.Build(_nodes[i], name => _constants.GetValueOrDefault(name)));
        var inputs = graph.Input.Where(v => !initializerNames.Contains(v.Name)).ToArray();
        if (inputs.Length != 1) throw Error($"expected one graph input, found {inputs.Length}.");
        InputName = inputs[0].Name;
        InputShape = [.. (inputs[0].Type?.TensorType?.Shape?.Dim ?? []).Select(d => d.HasDimValue ? (int?)d.DimValue : null)];
        OutputName = graph.Output.FirstOrDefault()?.Name ?? throw Error("the graph has no output.");
    }

    /// <summary>The graph input's name.</summary>
    public string InputName { get; }

    /// <summary>The declared input shape; null for a symbolic dimension (such as the batch).</summary>
    public IReadOnlyList<int?> InputShape { get; }

    /// <summary>The graph output <see cref="Forward"/> returns.</summary>
    public string OutputName { get; }

    /// <summary>The default-domain opset the file imports.</summary>
    public long Opset { get; }

    /// <summary>The producer the file names (e.g. "pytorch", "DeepSharp").</summary>
    public string ProducerName { get; }

    /// <summary>The distinct op types of the graph, in order of first use.</summary>
    public IReadOnlyList<string> Operators => [.. _nodes.Select(n => n.Op).Distinct()];

    /// <summary>Loads an .onnx file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ModelFormatException">The file is not a valid ONNX model, or uses an unsupported op (the message names op and node).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static OnnxModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model '{path}' not found.", path);
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    /// <summary>Reads an ONNX model from a stream (<paramref name="name"/> appears in messages).</summary>
    /// <param name="stream">The bytes of a ModelProto.</param>
    /// <param name="name">The file name for error messages.</param>
    /// <exception cref="ModelFormatException">Not a valid ONNX model, or an unsupported op.</exception>
    public static OnnxModel Parse(Stream stream, string name = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ModelFormatException(name, null, $"not an ONNX model ({ex.Message})", ex);
        }
        return new OnnxModel(proto, name);
    }

    /// <summary>Runs the graph on <paramref name="input"/> and returns the first output.</summary>
    /// <exception cref="ShapeMismatchException">The input does not fit the declared input shape.</exception>
    /// <exception cref="ModelFormatException">A node cannot run on the values it receives (the message names it).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool fits = InputShape.Count == 0 || (input.Rank == InputShape.Count && InputShape.Select((d, i) => d is null || d == input.Shape[i]).All(b => b));
        if (!fits)
            throw new ShapeMismatchException($"{this} expected input ({string.Join(", ", InputShape.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "N"))}), got {Shapes.Format(input.Shape)}.");
        var values = new Dictionary<string, OnnxValue>(_constants) { [InputName] = OnnxValue.Float(input.To(DType.Float32)) };
        for (int i = 0; i < _nodes.Count; i++)
        {
            var node = _nodes[i];
            var args = node.Proto.Input.Select(n => n.Length == 0 ? null
                : values.TryGetValue(n, out var v) ? v : throw node.Error($"input '{ModelFormatException.Shorten(n)}' is computed by no earlier node.")).ToArray();
            OnnxValue?[] outputs;
            try
            {
                outputs = _recurrent.TryGetValue(i, out var layer) ? OnnxRecurrentImport.Run(node, layer, args) : [OnnxOps.Run(node, args)];
            }
            catch (ShapeMismatchException ex)
            {
                throw node.Error(ex.Message);
            }
            for (int k = 0; k < node.Proto.Output.Count && k < outputs.Length; k++)
                if (node.Proto.Output[k].Length > 0 && outputs[k] is { } o) values[node.Proto.Output[k]] = o;
        }
        return values.TryGetValue(OutputName, out var result) ? result.Tensor : throw Error($"no node computes the output '{OutputName}'.");
    }

    /// <summary>E.g. <c>OnnxModel(pytorch, opset 17, 12 nodes: Conv, Relu, MaxPool, ...)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"OnnxModel({(ProducerName.Length > 0 ? ProducerName + ", " : "")}opset {Opset}, {_nodes.Count} nodes: {string.Join(", ", Operators)})");

    private ModelFormatException Error(string problem) => new(_file, null, problem);

    private static string UniqueName(string onnxName, HashSet<string> used)
    {
        var sb = new StringBuilder();
        foreach (char c in onnxName) sb.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        string name = sb.Length == 0 ? "value" : sb.ToString();
        string unique = name;
        for (int k = 2; !used.Add(unique); k++) unique = string.Create(CultureInfo.InvariantCulture, $"{name}_{k}");
        return unique;
    }
}
