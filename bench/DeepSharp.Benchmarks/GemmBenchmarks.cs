using BenchmarkDotNet.Attributes;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Tensors;

namespace DeepSharp.Benchmarks;

/// <summary>
/// SGEMM throughput for square sizes and the MLP training shapes, on one and two threads.
/// GFLOP/s = 2 * M * N * K / mean time. Run: dotnet run -c Release --project bench/DeepSharp.Benchmarks -- --filter *Gemm*
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private CpuBackend.ThreadScope _threads;
    private float[] _a = [], _b = [], _c = [];
    private int _lda, _ldb;
    private bool _transA, _transB;
    private int _m, _n, _k;

    /// <summary>M x K x N and which operand is transposed (N: none, TA: A^T B, TB: A B^T).</summary>
    [Params("256x256x256", "512x512x512", "1024x1024x1024", "64x784x128", "784x64x128-TA", "64x128x784-TB", "64x128x10")]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('-');
        var dims = parts[0].Split('x').Select(int.Parse).ToArray();
        (_m, _k, _n) = (dims[0], dims[1], dims[2]);
        _transA = parts.Length > 1 && parts[1] == "TA";
        _transB = parts.Length > 1 && parts[1] == "TB";
        _lda = _transA ? _m : _k;
        _ldb = _transB ? _k : _n;
        var rng = new RandomGenerator(1);
        _a = Fill(rng, _m * _k);
        _b = Fill(rng, _k * _n);
        _c = new float[_m * _n];
        _threads = CpuBackend.LimitThreads(Threads);
    }

    [GlobalCleanup]
    public void Cleanup() => _threads.Dispose();

    [Benchmark]
    public void Sgemm() => Gemm.Sgemm(_transA, _transB, _m, _n, _k, 1f, _a, _lda, _b, _ldb, 0f, _c, _n);

    private static float[] Fill(RandomGenerator rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextSingle() - 0.5f;
        return x;
    }
}
