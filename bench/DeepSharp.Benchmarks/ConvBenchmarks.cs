using BenchmarkDotNet.Attributes;
using DeepSharp.Autograd;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Benchmarks;

/// <summary>
/// LeNet-5's convolution and pooling kernels (batch 64), and whole LeNet-5 steps: one training step
/// (forward, cross-entropy, backward, SGD update) and the inference of 1,000 images. On one and two
/// threads. Run: dotnet run -c Release --project bench/DeepSharp.Benchmarks -- --filter *Conv*
/// The epoch figures against PyTorch are in docs/conv.md.
/// </summary>
[MemoryDiagnoser]
public class ConvBenchmarks
{
    private CpuBackend.ThreadScope _threads;
    private static readonly Conv2dGeometry Conv1 = new(64, 1, 28, 28, 6, 5, 5, padHeight: 2, padWidth: 2);
    private static readonly Conv2dGeometry Conv2 = new(64, 6, 14, 14, 16, 5, 5);
    private static readonly Pool2dGeometry Pool1 = new(64, 6, 28, 28, 2, 2, 2, 2);

    private float[] _x1 = [], _w1 = [], _b1 = [], _y1 = [], _gw1 = [];
    private float[] _x2 = [], _w2 = [], _b2 = [], _y2 = [], _gx2 = [], _gw2 = [];
    private float[] _p = [], _py = [], _pgx = [];
    private Sequential _net = null!;
    private Tensor[] _parameters = [];
    private Tensor _batch = null!, _labels = null!, _images = null!;
    private TensorArena _arena = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _threads = CpuBackend.LimitThreads(Threads);
        var rng = new RandomGenerator(1);
        (_x1, _w1, _b1, _y1, _gw1) = (Fill(rng, Conv1.InputSize), Fill(rng, Conv1.WeightSize), Fill(rng, 6), Fill(rng, Conv1.OutputSize), new float[Conv1.WeightSize]);
        (_x2, _w2, _b2, _y2) = (Fill(rng, Conv2.InputSize), Fill(rng, Conv2.WeightSize), Fill(rng, 16), Fill(rng, Conv2.OutputSize));
        (_gx2, _gw2) = (new float[Conv2.InputSize], new float[Conv2.WeightSize]);
        (_p, _py, _pgx) = (Fill(rng, Pool1.InputSize), new float[Pool1.OutputSize], new float[Pool1.InputSize]);
        _net = Models.LeNet5(LeNetVariant.Modern, new RandomGenerator(2));
        _parameters = _net.Parameters().ToArray();
        _batch = Tensor.Rand([64, 1, 28, 28], rng);
        _labels = Tensor.RandInt(0, 10, [64], rng);
        _images = Tensor.Rand([1000, 1, 28, 28], rng);
        _arena = new TensorArena();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _threads.Dispose();
    }

    [Benchmark]
    public void Conv1Forward() => Conv2dKernel.Forward<float>(Conv1, _x1, _w1, _b1, _y1);

    [Benchmark]
    public void Conv1WeightGradient() => Conv2dKernel.BackwardWeight<float>(Conv1, _x1, _y1, _gw1, _b1);

    [Benchmark]
    public void Conv2Forward() => Conv2dKernel.Forward<float>(Conv2, _x2, _w2, _b2, _y2);

    [Benchmark]
    public void Conv2InputGradient() => Conv2dKernel.BackwardInput<float>(Conv2, _y2, _w2, _gx2);

    [Benchmark]
    public void Conv2WeightGradient() => Conv2dKernel.BackwardWeight<float>(Conv2, _x2, _y2, _gw2, _b2);

    [Benchmark]
    public void MaxPool2x2Forward() => Pool2dKernel.MaxForward<float>(Pool1, _p, _py);

    [Benchmark]
    public void MaxPool2x2Backward() => Pool2dKernel.MaxBackward<float>(Pool1, _p, _py, _py, _pgx);

    /// <summary>One SGD step of LeNet-5 (modern) on a batch of 64, activations from a tensor arena.</summary>
    [Benchmark]
    public void LeNetTrainingStep()
    {
        foreach (var p in _parameters) p.Grad = null;
        using (_arena.Begin())
            Functional.CrossEntropy(_net.Forward(_batch), _labels).Backward();
        using var _ = GradMode.NoGrad();
        foreach (var p in _parameters)
        {
            var w = p.AsSpan<float>();
            var g = p.Grad!.AsSpan<float>();
            for (int i = 0; i < w.Length; i++) w[i] -= 0.01f * g[i];
        }
    }

    /// <summary>Logits of 1,000 images (LeNet-5 modern, evaluation mode, no graph).</summary>
    [Benchmark]
    public float LeNetInference1000()
    {
        using var _ = GradMode.NoGrad();
        using (_arena.Begin()) return _net.Forward(_images).AsSpan<float>()[0];
    }

    private static float[] Fill(RandomGenerator rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextSingle() - 0.5f;
        return x;
    }
}
