using DeepSharp.Autograd;
using DeepSharp.IO;
using DeepSharp.Nn;
using DeepSharp.Serialization.Onnx.Proto;
using DeepSharp.Tensors;
using Google.Protobuf;

namespace DeepSharp.Serialization.Onnx;

/// <summary>Writes a module as an ONNX model (opset 17, IR version 8): weights as initializers, a dynamic batch dimension.</summary>
/// <remarks>
/// Supported: <see cref="Sequential"/> (nested too) and <see cref="Autoencoder"/> of Linear, Conv1d, Conv2d, MaxPool2d,
/// AvgPool2d, AdaptiveAvgPool2d (global or evenly dividing), Flatten, Reshape, Maxout, Dropout and Identity (the
/// identity at inference), every activation layer, Rnn / Lstm / Gru (any layers, bidirectional, batch first) and
/// LastTimeStep. The graph is the inference graph (dropout off); values are Float32. docs/onnx.md lists the op of each layer.
/// </remarks>
public static class OnnxExport
{
    /// <summary>The opset the exporter writes.</summary>
    public const int Opset = 17;

    /// <summary>Exports <paramref name="model"/> to <paramref name="path"/> (written atomically).</summary>
    /// <param name="model">The model (left in the training mode it was in).</param>
    /// <param name="path">The .onnx file to write.</param>
    /// <param name="sampleShape">One input sample without the batch dimension, e.g. 1, 28, 28 for LeNet-5, or (seq, features)
    /// for a recurrent model. The exporter runs a sample of this shape through the model to learn every layer's shapes.</param>
    /// <exception cref="NotSupportedException">A layer has no ONNX mapping (the message names it).</exception>
    public static void ExportOnnx(this Module model, string path, params int[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = ToOnnxBytes(model, sampleShape);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The ONNX model of <paramref name="model"/> as bytes (see <see cref="ExportOnnx"/>).</summary>
    /// <param name="model">The model.</param>
    /// <param name="sampleShape">One input sample without the batch dimension.</param>
    /// <exception cref="NotSupportedException">A layer has no ONNX mapping.</exception>
    public static byte[] ToOnnxBytes(Module model, params int[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (sampleShape.Length == 0 || sampleShape.Any(d => d < 1))
            throw new ArgumentOutOfRangeException(nameof(sampleShape), Shapes.Format(sampleShape), "ONNX export: the sample shape must have positive dimensions (give it without the batch dimension).");
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var noGrad = GradMode.NoGrad();
            int batchAxis = First(model) is RecurrentLayerBase { Options.BatchFirst: false } ? 1 : 0;
            var inputShape = sampleShape.ToList();
            inputShape.Insert(batchAxis, 2);
            var sample = Tensor.Randn([.. inputShape], new RandomGenerator(0));
            var g = new OnnxGraphBuilder();
            string input = g.Fresh("input");
            var (last, result) = Walk(g, model, input, sample, "");
            string output = g.Node("Identity", [last], "output");
            // A second run with another batch size (and sequence length) shows which output dimensions are dynamic.
            bool recurrent = First(model) is RecurrentLayerBase;
            var otherShape = inputShape.Select((d, i) => i == batchAxis ? 3 : recurrent && i == 1 - batchAxis ? d + 1 : d).ToArray();
            var other = model.Forward(Tensor.Randn(otherShape, new RandomGenerator(1)));
            var dims = inputShape.Select((d, i) => (object)(i == batchAxis ? "batch" : d)).ToArray();
            if (recurrent) dims[1 - batchAxis] = "sequence";
            g.Graph.Input.Add(OnnxGraphBuilder.Value(input, dims));
            var outputDims = result.ShapeArray.Select((d, i) => d == other.Shape[i] ? (object)d : d == 2 && other.Shape[i] == 3 ? "batch" : "sequence").ToArray();
            g.Graph.Output.Add(OnnxGraphBuilder.Value(output, outputDims));
            var proto = new ModelProto
            {
                IrVersion = 8,
                ProducerName = "DeepSharp",
                ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "",
                Graph = g.Graph,
            };
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
            return proto.ToByteArray();
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private static (string Name, Tensor Sample) Walk(OnnxGraphBuilder g, Module module, string x, Tensor sample, string prefix)
    {
        switch (module)
        {
            case Sequential s:
                for (int i = 0; i < s.Count; i++)
                    (x, sample) = Walk(g, s[i], x, sample, prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
                return (x, sample);
            case Autoencoder a:
                (x, sample) = Walk(g, a.Encoder, x, sample, prefix + "encoder.");
                return Walk(g, a.Decoder, x, sample, prefix + "decoder.");
            default:
                var y = module.Forward(sample);
                return (OnnxLayerExport.Emit(g, module, x, sample.ShapeArray, y.ShapeArray, prefix), y);
        }
    }

    private static Module? First(Module module) => module switch
    {
        Sequential s => s.Count == 0 ? null : First(s[0]),
        Autoencoder a => First(a.Encoder),
        _ => module,
    };
}
