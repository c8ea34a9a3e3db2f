using DeepSharp.Backends;
using static DeepSharp.Cuda.Tests.Conformance;

namespace DeepSharp.Cuda.Tests;

/// <summary>The tiled GEMM: odd shapes (partial tiles), transposed operands, broadcast batches, the Linear epilogue.</summary>
public sealed class LinearAlgebraTests
{
    public static TheoryData<DType> FloatTypes => new() { DType.Float32, DType.Float64 };

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void MatMulOddShapesAndTransposes(DType dtype)
    {
        foreach (var (n, k, m) in new[] { (1, 1, 1), (3, 5, 7), (17, 9, 13), (8, 33, 8), (4, 0, 3) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    var a = ta ? View(dtype, Values(n * k, 31), 0, [n, k], [1, n]) : Dense(dtype, Values(n * k, 31), n, k);
                    var b = tb ? View(dtype, Values(k * m, 32), 0, [k, m], [1, k]) : Dense(dtype, Values(k * m, 32), k, m);
                    var c = Output(dtype, n, m);
                    Cpu.MatMul(a.Cpu, b.Cpu, c.Cpu);
                    Gpu.MatMul(a.Gpu, b.Gpu, c.Gpu);
                    Same(c, Tol(dtype) * 5, $"({n}x{k})·({k}x{m}) ta={ta} tb={tb}");
                }
    }

    [Fact]
    public void BatchedMatMulWithABroadcastOperand()
    {
        var a = Dense(DType.Float32, Values(2 * 3 * 5 * 4, 33), 2, 3, 5, 4);
        var b = View(DType.Float32, Values(3 * 4 * 6, 34), 0, [2, 3, 4, 6], [0, 24, 6, 1]); // shared over the first batch dim
        var c = Output(DType.Float32, 2, 3, 5, 6);
        Cpu.MatMul(a.Cpu, b.Cpu, c.Cpu);
        Gpu.MatMul(a.Gpu, b.Gpu, c.Gpu);
        Same(c, 1e-4, "batched");
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void LinearWithBiasAndEveryActivation(DType dtype)
    {
        foreach (Activation act in Enum.GetValues<Activation>())
            foreach (bool withBias in new[] { true, false })
            {
                var x = Dense(dtype, Values(19 * 23, 35), 19, 23);
                var w = Dense(dtype, Values(11 * 23, 36), 11, 23);
                var bias = withBias ? Dense(dtype, Values(11, 37), 11) : null;
                var y = Output(dtype, 19, 11);
                Cpu.Linear(x.Cpu, w.Cpu, bias?.Cpu, act, y.Cpu);
                Gpu.Linear(x.Gpu, w.Gpu, bias?.Gpu, act, y.Gpu);
                Same(y, Tol(dtype) * 5, $"{act} bias={withBias}");
            }
    }
}
