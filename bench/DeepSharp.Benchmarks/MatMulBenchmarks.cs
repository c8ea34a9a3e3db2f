using BenchmarkDotNet.Attributes;
using DeepSharp.Tensors;

namespace DeepSharp.Benchmarks;

/// <summary>
/// Tensor.MatMul of two square float32 matrices (the tensor layer over the single GEMM entry point).
/// GFLOP/s = 2 n³ / mean time.
/// Run: dotnet run -c Release --project bench/DeepSharp.Benchmarks -- --filter *MatMulBenchmarks* --job short
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class MatMulBenchmarks
{
    private Tensor _a = null!, _b = null!, _bt = null!;

    [Params(256, 512, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new RandomGenerator(3);
        _a = Tensor.Randn([Size, Size], rng);
        _b = Tensor.Randn([Size, Size], rng);
        _bt = _b.T; // a transposed view: GEMM reads it as is, no copy
    }

    [Benchmark]
    public Tensor MatMul() => _a.MatMul(_b);

    [Benchmark]
    public Tensor MatMulTransposedRight() => _a.MatMul(_bt);
}
