using DeepSharp.Backends;
using DeepSharp.Tensors;
using static DeepSharp.Cuda.Tests.Conformance;

namespace DeepSharp.Cuda.Tests;

/// <summary>Index ops, fused optimizer updates over several steps, and seeded random fills.</summary>
public sealed class IndexOptimRandomTests
{
    [Fact]
    public void IndexSelectAndIndexAddWithRepeatedIndices()
    {
        var block = new AxisBlock(2, 5, 3);
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Dense(dtype, Values(30, 61), 30);
            var index = Dense(DType.Int32, [4, 0, 4, 2], 4);
            var y = Output(dtype, 2 * 4 * 3);
            Cpu.IndexSelect(x.Cpu, block, index.Cpu, y.Cpu);
            Gpu.IndexSelect(x.Gpu, block, index.Gpu, y.Gpu);
            Same(y, 0, "select");
            var gx = Dense(dtype, Values(30, 62), 30);
            var src = Dense(dtype, Values(24, 63), 24);
            Cpu.IndexAdd(src.Cpu, block, index.Cpu, gx.Cpu);
            Gpu.IndexAdd(src.Gpu, block, index.Gpu, gx.Gpu);
            Same(gx, Tol(dtype), "index add");
        }
        var bad = Dense(DType.Int32, [1, 5], 2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gpu.IndexSelect(Dense(DType.Float32, Values(30, 64), 30).Gpu, block, bad.Gpu, Output(DType.Float32, 12).Gpu));
        Assert.Contains("index 5 is out of range", e.Message);
    }

    [Fact]
    public void GatherAndScatterAdd()
    {
        var block = new AxisBlock(2, 4, 3);
        var x = Dense(DType.Float32, Values(24, 65), 24);
        var index = Dense(DType.Int32, [0, 3, 1, 2, 2, 2, 3, 0, 1, 1, 1, 0, 3, 3, 3, 0, 2, 1], 18); // (2, k=3, 3)
        var y = Output(DType.Float32, 18);
        Cpu.Gather(x.Cpu, block, index.Cpu, y.Cpu);
        Gpu.Gather(x.Gpu, block, index.Gpu, y.Gpu);
        Same(y, 0, "gather");
        var gx = Dense(DType.Float32, new double[24], 24);
        var src = Dense(DType.Float32, Values(18, 66), 18);
        Cpu.ScatterAdd(src.Cpu, block, index.Cpu, gx.Cpu);
        Gpu.ScatterAdd(src.Gpu, block, index.Gpu, gx.Gpu);
        Same(gx, 1e-6, "scatter add");
    }

    private static void Steps(Action<IBackend, Func<Pair, StorageView>, int> step, params Pair[] state)
    {
        for (int t = 1; t <= 4; t++)
        {
            int stepNumber = t;
            step(Cpu, p => p.Cpu, stepNumber);
            step(Gpu, p => p.Gpu, stepNumber);
        }
        foreach (var p in state) Same(p, 1e-5, "state after 4 steps");
    }

    private static Pair Param(int seed) => Dense(DType.Float32, Values(53, seed), 53);

    [Fact]
    public void SgdWithMomentumNesterovAndDecay()
    {
        foreach (bool nesterov in new[] { false, true })
        {
            Pair p = Param(71), g = Param(72), b = Dense(DType.Float32, new double[53], 53);
            var h = new SgdHyperparameters(0.1f, 0.9f, nesterov ? 0 : 0.1f, 0.01f, nesterov);
            Steps((be, v, t) => be.SgdStep(v(p), v(g), v(b), h, t == 1), p, b);
            Pair plain = Param(73);
            Steps((be, v, _) => be.SgdStep(v(plain), v(g), null, new SgdHyperparameters(0.05f, 0, 0, 0, false), false), plain);
        }
    }

    [Fact]
    public void AdamAndAdamW()
    {
        foreach (bool decoupled in new[] { false, true })
        {
            Pair p = Param(74), g = Param(75), m = Dense(DType.Float32, new double[53], 53), v2 = Dense(DType.Float32, new double[53], 53);
            var h = new AdamHyperparameters(0.01, 0.9, 0.999, 1e-8, 0.1, decoupled);
            Steps((be, v, t) => be.AdamStep(v(p), v(g), v(m), v(v2), h, t), p, m, v2);
        }
    }

    [Fact]
    public void RmsPropCenteredWithMomentumAndAdaGrad()
    {
        Pair p = Param(76), g = Param(77), sq = Dense(DType.Float32, new double[53], 53), avg = Dense(DType.Float32, new double[53], 53),
            b = Dense(DType.Float32, new double[53], 53);
        var h = new RmsPropHyperparameters(0.01f, 0.99f, 1e-8f, 0.01f, 0.9f, true);
        Steps((be, v, _) => be.RmsPropStep(v(p), v(g), v(sq), v(avg), v(b), h), p, sq, avg, b);
        Pair q = Param(78), sum = Dense(DType.Float32, new double[53], 53);
        var ha = new AdaGradHyperparameters(0.1, 0.01, 1e-10, 0.01);
        Steps((be, v, t) => be.AdaGradStep(v(q), v(g), v(sum), ha, t), q, sum);
    }

    [Fact]
    public void RandomFillsGiveTheCpuBackendsNumbersForASeed()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32 })
        {
            var y = Output(dtype, 40);
            Cpu.Uniform(y.Cpu, -3, 3, new RandomGenerator(5));
            Gpu.Uniform(y.Gpu, -3, 3, new RandomGenerator(5));
            Same(y, 0, $"uniform {dtype}");
            Cpu.Normal(y.Cpu, 1, 2, new RandomGenerator(6));
            Gpu.Normal(y.Gpu, 1, 2, new RandomGenerator(6));
            Same(y, 0, $"normal {dtype}");
        }
        var mask = Output(DType.Float32, 64);
        Cpu.BernoulliMask(mask.Cpu, 0.3, 1 / 0.7, new RandomGenerator(7));
        Gpu.BernoulliMask(mask.Gpu, 0.3, 1 / 0.7, new RandomGenerator(7));
        Same(mask, 0, "dropout mask");
    }
}
