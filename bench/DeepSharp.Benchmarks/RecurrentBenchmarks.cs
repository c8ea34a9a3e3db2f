using BenchmarkDotNet.Attributes;
using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Benchmarks;

/// <summary>
/// One-layer Rnn / Gru / Lstm over a sequence of 50 steps, batch 32, input 64, hidden 128: forward
/// + backward of the summed output (all parameter gradients), and the forward alone without
/// recording. The same work in PyTorch and TorchSharp: bench/anchors (bench/compare.sh runs all three).
/// Run: dotnet run -c Release --project bench/DeepSharp.Benchmarks -- --filter *RecurrentBenchmarks* --job short
/// </summary>
[MemoryDiagnoser, MinColumn]
public class RecurrentBenchmarks
{
    private Module _layer = null!;
    private Tensor _x = null!;

    [Params("Rnn", "Gru", "Lstm")]
    public string Kind { get; set; } = "Lstm";

    [GlobalSetup]
    public void Setup()
    {
        var rng = new RandomGenerator(0);
        _layer = Kind switch
        {
            "Rnn" => new Rnn(64, 128, rng: rng),
            "Gru" => new Gru(64, 128, rng: rng),
            _ => new Lstm(64, 128, rng: rng),
        };
        _x = Tensor.Randn([50, 32, 64], rng).RequireGrad();
    }

    [Benchmark]
    public void ForwardBackward()
    {
        _layer.Forward(_x).Sum().Backward();
        foreach (var p in _layer.Parameters()) p.Grad = null;
        _x.Grad = null;
    }

    [Benchmark]
    public Tensor Forward()
    {
        using (GradMode.NoGrad()) return _layer.Forward(_x);
    }
}
