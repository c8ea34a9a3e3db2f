using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using BenchmarkDotNet.Attributes;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Benchmarks;

/// <summary>
/// Element-wise Add and Exp over 1M floats: the Tensor operators (which allocate their result and
/// split across threads above <see cref="Parallelism.ElementWiseThreshold"/>), the same operators
/// inside a <see cref="TensorArena"/> scope (storage reused, as in a training loop) and the in-place
/// form, against raw <see cref="TensorPrimitives"/> on the same spans (one thread, no allocation).
/// Run: dotnet run -c Release --project bench/DeepSharp.Benchmarks -- --filter *ElementWiseBenchmarks* --job short
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class ElementWiseBenchmarks
{
    private CpuBackend.ThreadScope _threads;
    private const int N = 1 << 20;
    private Tensor _a = null!, _b = null!, _c = null!;
    private float[] _x = [], _y = [], _d = [];
    private readonly TensorArena _arena = new();

    /// <summary>The CPU thread limit for the tensor operations.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new RandomGenerator(1);
        _a = Tensor.Uniform([N], -1, 1, rng);
        _b = Tensor.Uniform([N], -1, 1, rng);
        _c = Tensor.Zeros(N);
        _x = _a.ToArray<float>();
        _y = _b.ToArray<float>();
        _d = new float[N];
        _threads = CpuBackend.LimitThreads(Threads);
    }

    [GlobalCleanup]
    public void Cleanup() => _threads.Dispose();

    [Benchmark(Baseline = true)]
    public void AddTensorPrimitives() => TensorPrimitives.Add(_x, _y, _d);

    [Benchmark]
    public Tensor AddTensor() => _a + _b;

    [Benchmark]
    public void AddTensorInArena()
    {
        using (_arena.Begin()) _ = _a + _b;
    }

    /// <summary>c += a: the tensor path without allocating a result.</summary>
    [Benchmark]
    public void AddInPlaceTensor() => _c.AddInPlace(_a);

    [Benchmark]
    public void ExpTensorPrimitives() => TensorPrimitives.Exp(_x, _d);

    [Benchmark]
    public Tensor ExpTensor() => _a.Exp();

    [Benchmark]
    public void ExpTensorInArena()
    {
        using (_arena.Begin()) _ = _a.Exp();
    }
}
