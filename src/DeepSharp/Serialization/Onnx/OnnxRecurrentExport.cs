using System.Globalization;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Serialization.Onnx.OnnxAttributes;

namespace DeepSharp.Serialization.Onnx;

/// <summary>
/// Rnn, Lstm and Gru as ONNX RNN / LSTM / GRU nodes, one per stacked layer. PyTorch's gate blocks are
/// reordered to ONNX's (LSTM i f g o -> i o f c; GRU r z n -> z r h, with linear_before_reset = 1, which is
/// PyTorch's GRU); the two biases are concatenated into B; each node's Y (seq, D, batch, hidden) is turned
/// back into (seq, batch, D·hidden).
/// </summary>
internal static class OnnxRecurrentExport
{
    /// <summary>PyTorch block order -> ONNX block order, by source block index.</summary>
    public static int[] GateOrder(string op) => op switch
    {
        "LSTM" => [0, 3, 1, 2],
        "GRU" => [1, 0, 2],
        _ => [0],
    };

    public static string Emit(OnnxGraphBuilder g, RecurrentLayerBase layer, string x, string prefix, string hint)
    {
        var o = layer.Options;
        string op = layer switch { Lstm => "LSTM", Gru => "GRU", _ => "RNN" };
        var parameters = layer.NamedParameters().ToDictionary(p => p.Name, p => p.Value);
        if (o.BatchFirst) x = g.Node("Transpose", [x], hint + "_seq_first", Ints("perm", 1, 0, 2));
        for (int layerIndex = 0; layerIndex < o.NumLayers; layerIndex++)
        {
            var w = new List<Tensor>();
            var r = new List<Tensor>();
            var b = new List<Tensor>();
            for (int d = 0; d < o.Directions; d++)
            {
                string suffix = string.Create(CultureInfo.InvariantCulture, $"_l{layerIndex}{(d == 1 ? "_reverse" : "")}");
                w.Add(Reorder(parameters["weight_ih" + suffix], op, o.HiddenSize));
                r.Add(Reorder(parameters["weight_hh" + suffix], op, o.HiddenSize));
                if (o.Bias)
                    b.Add(Tensor.Cat([Reorder(parameters["bias_ih" + suffix], op, o.HiddenSize), Reorder(parameters["bias_hh" + suffix], op, o.HiddenSize)]));
            }
            string l = string.Create(CultureInfo.InvariantCulture, $"{prefix}l{layerIndex}.");
            var inputs = new List<string>
            {
                x, g.Initializer(l + "W", Tensor.Stack(w)), g.Initializer(l + "R", Tensor.Stack(r)),
            };
            if (o.Bias) inputs.Add(g.Initializer(l + "B", Tensor.Stack(b)));
            var attributes = new List<Proto.AttributeProto>
            {
                Int("hidden_size", o.HiddenSize), String("direction", o.Bidirectional ? "bidirectional" : "forward"),
            };
            if (op == "RNN")
                attributes.Add(Strings("activations", [.. Enumerable.Repeat(o.Nonlinearity == RnnNonlinearity.Relu ? "Relu" : "Tanh", o.Directions)]));
            if (op == "GRU") attributes.Add(Int("linear_before_reset", 1));
            var y = g.NodeOutputs(op, [.. inputs], [hint + "_y" + layerIndex.ToString(CultureInfo.InvariantCulture)], [.. attributes])[0];
            var seqBatch = g.Node("Transpose", [y], hint + "_yt", Ints("perm", 0, 2, 1, 3));
            x = g.Node("Reshape", [seqBatch, g.Int64s(hint + "_merge", [0, 0, -1])], hint + "_out" + layerIndex.ToString(CultureInfo.InvariantCulture));
        }
        return o.BatchFirst ? g.Node("Transpose", [x], hint, Ints("perm", 1, 0, 2)) : x;
    }

    /// <summary>The gate blocks (rows) of a weight or bias in ONNX's order.</summary>
    private static Tensor Reorder(Tensor value, string op, int hidden)
    {
        var order = GateOrder(op);
        return order.Length == 1 ? value : Tensor.Cat([.. order.Select(block => value.Narrow(0, block * hidden, hidden))]);
    }
}
