using System.Globalization;
using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Serialization.Onnx;

/// <summary>
/// ONNX RNN / LSTM / GRU nodes as DeepSharp <see cref="Rnn"/>, <see cref="Lstm"/> and <see cref="Gru"/> layers,
/// built once at load time from the node's W, R and B initializers (gate blocks put back in PyTorch's order:
/// the inverse of <see cref="OnnxRecurrentExport.GateOrder"/>).
/// </summary>
internal static class OnnxRecurrentImport
{
    public static readonly string[] Supported = ["RNN", "LSTM", "GRU"];

    /// <summary>The layer for <paramref name="node"/>; <paramref name="constant"/> gives an initializer's value by name.</summary>
    public static RecurrentLayerBase Build(OnnxNode node, Func<string, OnnxValue?> constant)
    {
        var p = node.Proto;
        Tensor Weight(int i, string what) =>
            (i < p.Input.Count && p.Input[i].Length > 0 ? constant(p.Input[i]) : null)?.Tensor
            ?? throw node.Error($"{what} must be an initializer (a constant of the file).");
        if (p.Input.Count > 4 && p.Input[4].Length > 0) throw node.Error("sequence_lens is not supported (all sequences have the full length).");
        if (node.Op == "LSTM" && p.Input.Count > 7 && p.Input[7].Length > 0) throw node.Error("peephole weights (P) are not supported.");
        node.Require("layout", 0);
        node.Require("input_forget", 0);
        if (p.Attribute.Any(a => a.Name == "clip")) throw node.Error("clip is not supported.");
        string direction = node.String("direction", "forward");
        if (direction is not ("forward" or "bidirectional")) throw node.Error($"direction '{direction}' is not supported (forward or bidirectional).");
        if (node.Op == "GRU" && node.Int("linear_before_reset", 0) != 1)
            throw node.Error("linear_before_reset = 0 is not supported (PyTorch's GRU is linear_before_reset = 1).");
        var w = Weight(1, "W");
        var r = Weight(2, "R");
        var b = p.Input.Count > 3 && p.Input[3].Length > 0 ? Weight(3, "B") : null;
        int directions = w.Shape[0], hidden = (int)node.Int("hidden_size", r.Shape[^1]);
        var nonlinearity = RnnNonlinearity.Tanh;
        var activations = node.Strings("activations");
        if (node.Op == "RNN" && activations is { Length: > 0 })
        {
            if (activations.Distinct().Count() != 1 || activations[0] is not ("Tanh" or "Relu"))
                throw node.Error($"activations [{string.Join(", ", activations)}] are not supported (Tanh or Relu for every direction).");
            nonlinearity = activations[0] == "Relu" ? RnnNonlinearity.Relu : RnnNonlinearity.Tanh;
        }
        else if (activations is { Length: > 0 } && !activations.SequenceEqual(DefaultActivations(node.Op, directions)))
            throw node.Error($"activations [{string.Join(", ", activations)}] are not supported (only the defaults).");
        var options = new RecurrentOptions(w.Shape[2], hidden, Bias: b is not null, Bidirectional: directions == 2, Nonlinearity: nonlinearity);
        RecurrentLayerBase layer = node.Op switch { "LSTM" => new Lstm(options), "GRU" => new Gru(options), _ => new Rnn(options) };
        var parameters = layer.NamedParameters().ToDictionary(q => q.Name, q => q.Value);
        int gates = w.Shape[1] / hidden;
        using var noGrad = GradMode.NoGrad();
        for (int d = 0; d < directions; d++)
        {
            string suffix = d == 1 ? "_l0_reverse" : "_l0";
            Copy(parameters, "weight_ih" + suffix, Torch(w[d], node.Op, hidden), node);
            Copy(parameters, "weight_hh" + suffix, Torch(r[d], node.Op, hidden), node);
            if (b is null) continue;
            Copy(parameters, "bias_ih" + suffix, Torch(b[d].Narrow(0, 0, gates * hidden), node.Op, hidden), node);
            Copy(parameters, "bias_hh" + suffix, Torch(b[d].Narrow(0, gates * hidden, gates * hidden), node.Op, hidden), node);
        }
        return layer;
    }

    /// <summary>Runs the layer: outputs Y (seq, D, batch, hidden), Y_h and (LSTM) Y_c (D, batch, hidden).</summary>
    public static OnnxValue?[] Run(OnnxNode node, RecurrentLayerBase layer, OnnxValue?[] x)
    {
        var input = x[0]?.Tensor ?? throw node.Error("input 0 is missing.");
        Tensor? State(int i) => i < x.Length ? x[i]?.Tensor : null;
        var result = layer switch
        {
            Lstm lstm => lstm.ForwardWithState(input, State(5), State(6)),
            Gru gru => gru.ForwardWithState(input, State(5)),
            Rnn rnn => rnn.ForwardWithState(input, State(5)),
            _ => throw node.Error("unknown recurrent layer."),
        };
        int directions = layer.Options.Directions;
        var y = result.Output.Reshape(input.Shape[0], input.Shape[1], directions, layer.Options.HiddenSize).Permute(0, 2, 1, 3).Contiguous();
        return [OnnxValue.Float(y), OnnxValue.Float(result.HiddenState), result.CellState is null ? null : OnnxValue.Float(result.CellState)];
    }

    private static string[] DefaultActivations(string op, int directions) =>
        [.. Enumerable.Repeat(op == "LSTM" ? new[] { "Sigmoid", "Tanh", "Tanh" } : ["Sigmoid", "Tanh"], directions).SelectMany(a => a)];

    /// <summary>ONNX gate blocks -> PyTorch's (inverse of the export order).</summary>
    private static Tensor Torch(Tensor value, string op, int hidden)
    {
        var order = OnnxRecurrentExport.GateOrder(op);
        if (order.Length == 1) return value;
        var inverse = new int[order.Length];
        for (int j = 0; j < order.Length; j++) inverse[order[j]] = j;
        return Tensor.Cat([.. inverse.Select(block => value.Narrow(0, block * hidden, hidden))]);
    }

    private static void Copy(Dictionary<string, Tensor> parameters, string name, Tensor value, OnnxNode node)
    {
        var target = parameters[name];
        if (!target.ShapeArray.SequenceEqual(value.ShapeArray))
            throw node.Error(string.Create(CultureInfo.InvariantCulture, $"{name}: expected {Shapes.Format(target.Shape)}, got {Shapes.Format(value.Shape)}."));
        target.CopyFrom(value);
    }
}
