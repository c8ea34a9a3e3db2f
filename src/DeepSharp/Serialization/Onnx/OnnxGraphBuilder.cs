using System.Globalization;
using System.Runtime.InteropServices;
using DeepSharp.Serialization.Onnx.Proto;
using DeepSharp.Tensors;
using Google.Protobuf;

namespace DeepSharp.Serialization.Onnx;

/// <summary>Collects the nodes and initializers of one ONNX graph while the exporter walks a module;
/// hands out unique value names.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> _names = [];
    private int _counter;

    public GraphProto Graph { get; } = new() { Name = "deepsharp" };

    /// <summary>A value name not used before, from <paramref name="hint"/>.</summary>
    public string Fresh(string hint)
    {
        string name = hint;
        while (!_names.Add(name)) name = string.Create(CultureInfo.InvariantCulture, $"{hint}_{++_counter}");
        return name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string op, string[] inputs, string hint, params AttributeProto[] attributes) =>
        NodeOutputs(op, inputs, [hint], attributes)[0];

    /// <summary>Adds a node with several outputs (an empty hint leaves that output unused).</summary>
    public string[] NodeOutputs(string op, string[] inputs, string[] hints, params AttributeProto[] attributes)
    {
        var outputs = hints.Select(h => h.Length == 0 ? "" : Fresh(h)).ToArray();
        var node = new NodeProto { OpType = op, Name = Fresh("node_" + op + "_" + _counter.ToString(CultureInfo.InvariantCulture)) };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Adds a Float32 initializer holding <paramref name="tensor"/>'s values and returns its name.</summary>
    public string Initializer(string hint, Tensor tensor) =>
        Initializer(hint, tensor.To(DType.Float32).Contiguous().ToFloatArray(), tensor.ShapeArray);

    /// <summary>Adds a Float32 initializer (little-endian raw data) and returns its name.</summary>
    public string Initializer(string hint, float[] values, IReadOnlyList<int> dims)
    {
        var proto = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(dims.Select(d => (long)d));
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>A Float32 scalar constant.</summary>
    public string Scalar(string hint, double value) => Initializer(hint, [(float)value], []);

    /// <summary>An Int64 initializer (shapes, axes, indices); a scalar when <paramref name="scalar"/> is set.</summary>
    public string Int64s(string hint, long[] values, bool scalar = false)
    {
        var proto = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        if (!scalar) proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>A Float32 tensor value description with named (symbolic) or fixed dimensions.</summary>
    public static ValueInfoProto Value(string name, IReadOnlyList<object> dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, CultureInfo.InvariantCulture) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
