using System.Globalization;
using DeepSharp.Autograd;
using DeepSharp.Backends.Cpu;
using DeepSharp.Cli.Output;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp bench infer</c>: inference latency of the built-in MLP 784-128-10 or
/// LeNet-5 at several batch sizes (no graph recording, one arena scope per call), the work
/// ONNX Runtime is compared on in bench/compare.sh.</summary>
internal sealed class BenchInferCommand : ICommand
{
    public string Name => "bench infer";

    public string Summary => "Inference latency of the MLP 784-128-10 or LeNet-5 at batch sizes 1, 64, 10000";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "mlp (784-128-10, ReLU) or lenet5 (default mlp)", ValueName: "NAME"),
        new("batch", "Comma-separated batch sizes (default 1,64,10000)", ValueName: "N,..."),
        new("seconds", "Measuring time per batch size (default 1)", ValueName: "S"),
        new("json", "Print one JSON object per batch size", IsFlag: true),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        string name = args.GetString("model", "mlp")!;
        var rng = new RandomGenerator(0);
        Module model = name switch
        {
            "mlp" => Models.Mlp(784, [128], 10, rng: rng),
            "lenet5" => Models.LeNet5(rng: rng),
            _ => throw new CliUsageException($"'bench infer --model': expected mlp or lenet5, found '{name}'."),
        };
        model.Eval();
        var batches = ParseBatches(args.GetString("batch", "1,64,10000")!);
        double seconds = args.GetDouble("seconds", 1, 0.01, 600);
        var inv = CultureInfo.InvariantCulture;
        foreach (int n in batches)
        {
            var x = name == "mlp" ? Tensor.Rand([n, 784], rng) : Tensor.Rand([n, 1, 28, 28], rng);
            var arena = new TensorArena();
            void Call()
            {
                using (GradMode.NoGrad())
                using (arena.Begin())
                    model.Forward(x);
            }
            var (best, bytes, calls) = BenchTiming.Best(Call, seconds, n >= 1000 ? 5 : 50, context.Cancellation);
            if (args.Has("json"))
                context.Out.WriteLine(new JsonLine().Add("work", "infer").Add("model", name).Add("batch", n)
                    .Add("threads", CpuBackend.ThreadLimit).Add("bestMs", best * 1e3).Add("bytesPerCall", bytes).Add("calls", calls).ToString());
            else
                context.Out.WriteLine(string.Create(inv, $"{name} batch {n}: best {best * 1e3:F3} ms over {calls} calls, {bytes:F0} bytes allocated per call ({CpuBackend.ThreadLimit} thread(s))"));
        }
        return 0;
    }

    private static int[] ParseBatches(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1 || sizes[i] > 100_000)
                throw new CliUsageException($"'bench infer --batch': expected batch sizes from 1 to 100000 separated by commas, found '{text}'.");
        return sizes;
    }
}
