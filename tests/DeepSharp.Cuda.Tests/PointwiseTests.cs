using DeepSharp.Backends;
using static DeepSharp.Cuda.Tests.Conformance;

namespace DeepSharp.Cuda.Tests;

/// <summary>Parameterized activations, fused-activation gradients and pointwise losses, forward and backward.</summary>
public sealed class PointwiseTests
{
    public static TheoryData<DType> FloatTypes => new() { DType.Float32, DType.Float64 };

    private static readonly PointwiseFunction[] Functions =
    [
        new(PointwiseKind.Step, 0.25), new(PointwiseKind.Sign), new(PointwiseKind.LeakyRelu, 0.1), new(PointwiseKind.ShiftedRelu, -0.5),
        new(PointwiseKind.Softplus, 1.5, 2), new(PointwiseKind.Elu, 0.7), new(PointwiseKind.Swish, 1.2),
        new(PointwiseKind.GeluErf), new(PointwiseKind.GeluTanh),
    ];

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void PointwiseForwardAndBackward(DType dtype)
    {
        foreach (var f in Functions)
        {
            var x = Dense(dtype, Values(37, 11, -4, 4), 37);
            var gy = Dense(dtype, Values(37, 12), 37);
            var y = Output(dtype, 37);
            var gx = Output(dtype, 37);
            Cpu.Pointwise(f, x.Cpu, y.Cpu);
            Gpu.Pointwise(f, x.Gpu, y.Gpu);
            Same(y, Tol(dtype), f.Kind + " forward");
            Cpu.PointwiseBackward(f, x.Cpu, y.Cpu, gy.Cpu, gx.Cpu);
            Gpu.PointwiseBackward(f, x.Gpu, y.Gpu, gy.Gpu, gx.Gpu);
            Same(gx, Tol(dtype), f.Kind + " backward");
        }
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void ActivationBackwardFromOutputs(DType dtype)
    {
        foreach (Activation act in Enum.GetValues<Activation>())
        {
            var y = Dense(dtype, Values(20, 13, -1, 1), 4, 5);
            var gy = Dense(dtype, Values(20, 14), 4, 5);
            var gx = Output(dtype, 4, 5);
            Cpu.ActivationBackward(act, y.Cpu, gy.Cpu, gx.Cpu);
            Gpu.ActivationBackward(act, y.Gpu, gy.Gpu, gx.Gpu);
            Same(gx, Tol(dtype), act.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void PointwiseLossesAndBothGradients(DType dtype)
    {
        foreach (PointwiseLossKind loss in Enum.GetValues<PointwiseLossKind>())
        {
            bool probabilities = loss == PointwiseLossKind.BinaryCrossEntropy;
            var a = Dense(dtype, Values(25, 15, probabilities ? 0.01 : -5, probabilities ? 0.99 : 5), 25);
            var b = Dense(dtype, Values(25, 16, 0, 1), 25);
            var gy = Dense(dtype, Values(25, 17), 25);
            var y = Output(dtype, 25);
            Cpu.PointwiseLoss(loss, a.Cpu, b.Cpu, y.Cpu);
            Gpu.PointwiseLoss(loss, a.Gpu, b.Gpu, y.Gpu);
            Same(y, Tol(dtype), loss + " loss");
            var ga = Output(dtype, 25);
            var gb = Output(dtype, 25);
            Cpu.PointwiseLossBackward(loss, a.Cpu, b.Cpu, gy.Cpu, ga.Cpu, gb.Cpu);
            Gpu.PointwiseLossBackward(loss, a.Gpu, b.Gpu, gy.Gpu, ga.Gpu, gb.Gpu);
            Same(ga, Tol(dtype), loss + " d/da");
            Same(gb, Tol(dtype), loss + " d/db");
        }
    }
}
