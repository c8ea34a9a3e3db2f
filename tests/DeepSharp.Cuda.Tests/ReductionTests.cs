using DeepSharp.Backends;
using static DeepSharp.Cuda.Tests.Conformance;

namespace DeepSharp.Cuda.Tests;

/// <summary>Reductions, arg-reductions, softmax and cross-entropy.</summary>
public sealed class ReductionTests
{
    public static TheoryData<DType> FloatTypes => new() { DType.Float32, DType.Float64 };

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void ReduceOverEveryAxisPosition(DType dtype)
    {
        foreach (ReduceOp op in Enum.GetValues<ReduceOp>())
            foreach (var block in new AxisBlock[] { new(1, 257, 1), new(3, 7, 1), new(2, 5, 6), new(1, 9, 4), new(4, 0, 3) })
            {
                var x = Dense(dtype, Values(block.Outer * block.Size * block.Inner, 21), block.Outer * block.Size * block.Inner);
                var y = Output(dtype, block.Outer * block.Inner);
                Cpu.Reduce(op, x.Cpu, block, y.Cpu);
                Gpu.Reduce(op, x.Gpu, block, y.Gpu);
                Same(y, Tol(dtype) * 4, $"{op} {block}");
            }
    }

    [Fact]
    public void MaxPropagatesNaNAndArgMaxStopsAtIt()
    {
        var x = Dense(DType.Float32, [1, 5, double.NaN, 7, 3, 9, 9, 2], 2, 4);
        var y = Output(DType.Float32, 2);
        Cpu.Reduce(ReduceOp.Max, x.Cpu, new AxisBlock(2, 4, 1), y.Cpu);
        Gpu.Reduce(ReduceOp.Max, x.Gpu, new AxisBlock(2, 4, 1), y.Gpu);
        Same(y, 0, "max");
        foreach (bool max in new[] { true, false })
        {
            var i = Output(DType.Int32, 2);
            Cpu.ArgReduce(max, x.Cpu, 2, 4, i.Cpu);
            Gpu.ArgReduce(max, x.Gpu, 2, 4, i.Gpu);
            Same(i, 0, max ? "argmax" : "argmin");
        }
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void SoftmaxAndLogSoftmaxForwardBackward(DType dtype)
    {
        foreach (var block in new AxisBlock[] { new(5, 10, 1), new(2, 4, 3) })
            foreach (bool log in new[] { false, true })
            {
                int n = block.Outer * block.Size * block.Inner;
                var x = Dense(dtype, Values(n, 22, -6, 6), n);
                var y = Output(dtype, n);
                Cpu.Softmax(x.Cpu, block, log, y.Cpu);
                Gpu.Softmax(x.Gpu, block, log, y.Gpu);
                Same(y, Tol(dtype), $"softmax log={log} {block}");
                var gy = Dense(dtype, Values(n, 23), n);
                var gx = Output(dtype, n);
                Cpu.SoftmaxBackward(y.Cpu, gy.Cpu, block, log, gx.Cpu);
                Gpu.SoftmaxBackward(y.Gpu, gy.Gpu, block, log, gx.Gpu);
                Same(gx, Tol(dtype) * 4, $"softmax backward log={log} {block}");
            }
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void CrossEntropyWithLabelSmoothing(DType dtype)
    {
        foreach (double eps in new[] { 0.0, 0.1 })
        {
            var logits = Dense(dtype, Values(6 * 7, 24, -5, 5), 6, 7);
            var targets = Dense(DType.Int32, [0, 6, 3, 3, 1, 5], 6);
            var p = Output(dtype, 6, 7);
            var loss = Output(dtype, 6);
            Cpu.CrossEntropy(logits.Cpu, targets.Cpu, eps, p.Cpu, loss.Cpu);
            Gpu.CrossEntropy(logits.Gpu, targets.Gpu, eps, p.Gpu, loss.Gpu);
            Same(p, Tol(dtype), "probabilities");
            Same(loss, Tol(dtype), "losses");
            var rowGrad = Dense(dtype, Values(6, 25), 6);
            var gx = Output(dtype, 6, 7);
            Cpu.CrossEntropyBackward(p.Cpu, targets.Cpu, rowGrad.Cpu, eps, gx.Cpu);
            Gpu.CrossEntropyBackward(p.Gpu, targets.Gpu, rowGrad.Gpu, eps, gx.Gpu);
            Same(gx, Tol(dtype), "gradient");
        }
    }

    [Fact]
    public void CrossEntropyRejectsAClassOutsideTheRange()
    {
        var logits = Dense(DType.Float32, Values(6, 26), 2, 3);
        var targets = Dense(DType.Int32, [1, 3], 2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gpu.CrossEntropy(logits.Gpu, targets.Gpu, 0, Output(DType.Float32, 2, 3).Gpu, Output(DType.Float32, 2).Gpu));
        Assert.Contains("class index 3 is outside [0, 3)", e.Message);
    }
}
