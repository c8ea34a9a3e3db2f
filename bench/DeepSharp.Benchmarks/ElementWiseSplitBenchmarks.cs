using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using BenchmarkDotNet.Attributes;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;

namespace DeepSharp.Benchmarks;

/// <summary>
/// Where splitting a memory-bound element-wise kernel across two threads starts to pay: the same
/// Add and Exp on one thread and through <see cref="Parallelism.ForChunks"/> (16K-element chunks, as the
/// tensor loops use) on two, over sizes around
/// <see cref="Parallelism.ElementWiseThreshold"/>. Used to tune that threshold.
/// Run: dotnet run -c Release --project bench/DeepSharp.Benchmarks -- --filter *ElementWiseSplit* --job short
/// </summary>
[MinColumn, MedianColumn]
public class ElementWiseSplitBenchmarks
{
    private CpuBackend.ThreadScope _threads;
    private const int Chunk = 1 << 14;
    private float[] _x = [], _y = [], _d = [];

    [Params(1 << 14, 1 << 15, 1 << 16, 1 << 17, 1 << 18, 1 << 20)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new DeepSharp.Tensors.RandomGenerator(2);
        _x = new float[Length];
        _y = new float[Length];
        _d = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            _x[i] = rng.NextSingle() - 0.5f;
            _y[i] = rng.NextSingle() - 0.5f;
        }
        _threads = CpuBackend.LimitThreads(2);
    }

    [GlobalCleanup]
    public void Cleanup() => _threads.Dispose();

    [Benchmark(Baseline = true)]
    public void AddOneThread() => TensorPrimitives.Add(_x, _y, _d);

    [Benchmark]
    public void AddTwoThreads() =>
        Parallelism.ForChunks(Length, Chunk, (s, e) => TensorPrimitives.Add(_x.AsSpan(s, e - s), _y.AsSpan(s, e - s), _d.AsSpan(s, e - s)));

    [Benchmark]
    public void ExpOneThread() => TensorPrimitives.Exp(_x, _d);

    [Benchmark]
    public void ExpTwoThreads() =>
        Parallelism.ForChunks(Length, Chunk, (s, e) => TensorPrimitives.Exp(_x.AsSpan(s, e - s), _d.AsSpan(s, e - s)));
}
