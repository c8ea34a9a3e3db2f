// ONNX Runtime (CPU, 2 intra-op threads, all graph optimizations) inference of the MLP 784-128-10 and
// LeNet-5 that torch_anchor.py exported, at batch 1, 64 and 10000: best call over ~1 s, one JSON line each.
// Usage: OrtAnchor FOLDER-WITH-mlp.onnx-AND-lenet5.onnx
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

string folder = args.Length > 0 ? args[0] : ".";
foreach (var model in new[] { "mlp", "lenet5" })
{
    using var options = new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
    using var session = new InferenceSession(Path.Combine(folder, model + ".onnx"), options);
    var random = new Random(0);
    foreach (int batch in new[] { 1, 64, 10000 })
    {
        var data = new float[batch * 784];
        for (int i = 0; i < data.Length; i++) data[i] = random.NextSingle();
        var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(data, [batch, 1, 28, 28])) };
        for (int i = 0; i < 3; i++) using (session.Run(inputs)) { }
        double best = double.MaxValue;
        int calls = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < 1 || calls < (batch >= 1000 ? 5 : 50))
        {
            var sw = Stopwatch.StartNew();
            using (session.Run(inputs)) { }
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            calls++;
        }
        Console.WriteLine($"{{\"side\":\"onnxruntime\",\"work\":\"infer\",\"model\":\"{model}\",\"batch\":{batch},\"bestMs\":{best.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}");
    }
}
