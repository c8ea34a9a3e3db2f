using System.Globalization;
using DeepSharp.Autograd;
using DeepSharp.Backends.Cpu;
using DeepSharp.Cli.Output;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp bench recurrent</c>: one recurrent layer's forward + backward (all
/// parameter gradients) at the shape bench/compare.sh compares with PyTorch and TorchSharp:
/// sequence 50, batch 32, input 64, hidden 128.</summary>
internal sealed class BenchRecurrentCommand : ICommand
{
    public string Name => "bench recurrent";

    public string Summary => "Rnn / Gru / Lstm layer forward + backward time and allocation (seq 50, batch 32, 64 -> 128)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("cell", "lstm, gru or rnn (default: all three)", ValueName: "KIND"),
        new("seconds", "Measuring time per layer (default 1)", ValueName: "S"),
        new("json", "Print one JSON object per layer", IsFlag: true),
    ];

    public int Run(ParsedArguments args, CliContext context)
    {
        string? only = args.GetString("cell");
        if (only is not null && only is not ("lstm" or "gru" or "rnn"))
            throw new CliUsageException($"'bench recurrent --cell': expected lstm, gru or rnn, found '{only}'.");
        double seconds = args.GetDouble("seconds", 1, 0.01, 600);
        var inv = CultureInfo.InvariantCulture;
        foreach (var kind in only is null ? ["lstm", "gru", "rnn"] : new[] { only })
        {
            var rng = new RandomGenerator(0);
            Module layer = kind switch
            {
                "lstm" => new Lstm(64, 128, rng: rng),
                "gru" => new Gru(64, 128, rng: rng),
                _ => new Rnn(64, 128, rng: rng),
            };
            var x = Tensor.Randn([50, 32, 64], rng).RequireGrad();
            var parameters = layer.Parameters().ToArray();
            void Step()
            {
                layer.Forward(x).Sum().Backward();
                foreach (var p in parameters) p.Grad = null;
                x.Grad = null;
            }
            var (best, bytes, calls) = BenchTiming.Best(Step, seconds, 10, context.Cancellation);
            var (forward, forwardBytes, _) = BenchTiming.Best(() => { using (GradMode.NoGrad()) layer.Forward(x); }, seconds / 2, 10, context.Cancellation);
            if (args.Has("json"))
                context.Out.WriteLine(new JsonLine().Add("work", "recurrent").Add("cell", kind).Add("threads", CpuBackend.ThreadLimit)
                    .Add("forwardBackwardMs", best * 1e3).Add("bytesPerForwardBackward", bytes)
                    .Add("forwardMs", forward * 1e3).Add("bytesPerForward", forwardBytes).Add("calls", calls).ToString());
            else
                context.Out.WriteLine(string.Create(inv,
                    $"{kind} seq 50 batch 32 64->128: forward+backward {best * 1e3:F2} ms ({bytes / 1e6:F1} MB allocated), forward {forward * 1e3:F2} ms ({forwardBytes / 1e6:F1} MB)"));
        }
        return 0;
    }
}
