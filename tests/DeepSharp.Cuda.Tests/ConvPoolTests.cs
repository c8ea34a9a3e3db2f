using DeepSharp.Backends;
using static DeepSharp.Cuda.Tests.Conformance;

namespace DeepSharp.Cuda.Tests;

/// <summary>im2col + GEMM convolution (forward, input and weight gradients) and the pooling kernels.</summary>
public sealed class ConvPoolTests
{
    public static TheoryData<DType> FloatTypes => new() { DType.Float32, DType.Float64 };

    private static readonly Conv2dGeometry[] Geometries =
    [
        new(2, 3, 7, 6, 4, 3, 3),                                            // plain 3x3
        new(3, 4, 8, 9, 6, 3, 2, strideHeight: 2, strideWidth: 1, padHeight: 1, padWidth: 2, dilationHeight: 1, dilationWidth: 2, groups: 2),
        new(1, 2, 5, 5, 3, 1, 1),                                            // pointwise
    ];

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void Conv2dForwardWithBiasAndActivation(DType dtype)
    {
        foreach (var g in Geometries)
            foreach (var act in new[] { Activation.None, Activation.Relu })
            {
                var x = Dense(dtype, Values(g.InputSize, 41), g.Batch, g.InChannels, g.InHeight, g.InWidth);
                var w = Dense(dtype, Values(g.WeightSize, 42), g.OutChannels, g.GroupInChannels, g.KernelHeight, g.KernelWidth);
                var b = Dense(dtype, Values(g.OutChannels, 43), g.OutChannels);
                var y = Output(dtype, g.Batch, g.OutChannels, g.OutHeight, g.OutWidth);
                Cpu.Conv2d(g, x.Cpu, w.Cpu, b.Cpu, act, y.Cpu);
                Gpu.Conv2d(g, x.Gpu, w.Gpu, b.Gpu, act, y.Gpu);
                Same(y, Tol(dtype) * 5, $"{g} {act}");
            }
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void Conv2dGradients(DType dtype)
    {
        foreach (var g in Geometries)
        {
            var x = Dense(dtype, Values(g.InputSize, 44), g.Batch, g.InChannels, g.InHeight, g.InWidth);
            var w = Dense(dtype, Values(g.WeightSize, 45), g.OutChannels, g.GroupInChannels, g.KernelHeight, g.KernelWidth);
            var gy = Dense(dtype, Values(g.OutputSize, 46), g.Batch, g.OutChannels, g.OutHeight, g.OutWidth);
            var gx = Output(dtype, g.Batch, g.InChannels, g.InHeight, g.InWidth);
            Cpu.Conv2dBackwardInput(g, gy.Cpu, w.Cpu, gx.Cpu);
            Gpu.Conv2dBackwardInput(g, gy.Gpu, w.Gpu, gx.Gpu);
            Same(gx, Tol(dtype) * 5, $"{g} input gradient");
            var gw = Output(dtype, g.OutChannels, g.GroupInChannels, g.KernelHeight, g.KernelWidth);
            var gb = Output(dtype, g.OutChannels);
            Cpu.Conv2dBackwardWeight(g, x.Cpu, gy.Cpu, gw.Cpu, gb.Cpu);
            Gpu.Conv2dBackwardWeight(g, x.Gpu, gy.Gpu, gw.Gpu, gb.Gpu);
            Same(gw, Tol(dtype) * 5, $"{g} weight gradient");
            Same(gb, Tol(dtype) * 5, $"{g} bias gradient");
        }
    }

    private static readonly Pool2dGeometry[] Pools =
    [
        new(2, 3, 8, 6, 2, 2, 2, 2),                // LeNet's 2x2
        new(1, 2, 7, 9, 3, 3, 2, 2, 1, 1),          // overlapping, padded
        new(1, 1, 5, 5, 2, 3, 1, 2, 1, 1),
    ];

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void MaxPoolForwardBackwardWithTies(DType dtype)
    {
        foreach (var g in Pools)
        {
            // Rounded values make ties, so "the first maximum of the window" is exercised.
            var values = Values(g.InputSize, 47, -3, 3).Select(v => Math.Round(v)).ToArray();
            var x = Dense(dtype, values, g.Batch, g.Channels, g.InHeight, g.InWidth);
            var y = Output(dtype, g.Batch, g.Channels, g.OutHeight, g.OutWidth);
            Cpu.MaxPool2d(g, x.Cpu, y.Cpu);
            Gpu.MaxPool2d(g, x.Gpu, y.Gpu);
            Same(y, 0, $"{g} max");
            var gy = Dense(dtype, Values(g.OutputSize, 48), g.Batch, g.Channels, g.OutHeight, g.OutWidth);
            var gx = Output(dtype, g.Batch, g.Channels, g.InHeight, g.InWidth);
            Cpu.MaxPool2dBackward(g, x.Cpu, y.Cpu, gy.Cpu, gx.Cpu);
            Gpu.MaxPool2dBackward(g, x.Gpu, y.Gpu, gy.Gpu, gx.Gpu);
            Same(gx, Tol(dtype), $"{g} max backward");
        }
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void AvgPoolWithAndWithoutPaddingInTheDivisor(DType dtype)
    {
        foreach (var g in Pools)
            foreach (bool include in new[] { true, false })
            {
                var x = Dense(dtype, Values(g.InputSize, 49), g.Batch, g.Channels, g.InHeight, g.InWidth);
                var y = Output(dtype, g.Batch, g.Channels, g.OutHeight, g.OutWidth);
                Cpu.AvgPool2d(g, x.Cpu, y.Cpu, include);
                Gpu.AvgPool2d(g, x.Gpu, y.Gpu, include);
                Same(y, Tol(dtype), $"{g} avg include={include}");
                var gy = Dense(dtype, Values(g.OutputSize, 50), g.Batch, g.Channels, g.OutHeight, g.OutWidth);
                var gx = Output(dtype, g.Batch, g.Channels, g.InHeight, g.InWidth);
                Cpu.AvgPool2dBackward(g, gy.Cpu, gx.Cpu, include);
                Gpu.AvgPool2dBackward(g, gy.Gpu, gx.Gpu, include);
                Same(gx, Tol(dtype), $"{g} avg backward include={include}");
            }
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void AdaptiveAvgPoolDownAndUp(DType dtype)
    {
        foreach (var g in new AdaptivePool2dGeometry[] { new(3, 7, 5, 3, 2), new(2, 3, 4, 5, 6), new(1, 6, 6, 1, 1) })
        {
            var x = Dense(dtype, Values(g.Planes * g.InHeight * g.InWidth, 51), g.Planes, g.InHeight, g.InWidth);
            var y = Output(dtype, g.Planes, g.OutHeight, g.OutWidth);
            Cpu.AdaptiveAvgPool2d(g, x.Cpu, y.Cpu);
            Gpu.AdaptiveAvgPool2d(g, x.Gpu, y.Gpu);
            Same(y, Tol(dtype), $"{g} forward");
            var gy = Dense(dtype, Values(g.Planes * g.OutHeight * g.OutWidth, 52), g.Planes, g.OutHeight, g.OutWidth);
            var gx = Output(dtype, g.Planes, g.InHeight, g.InWidth);
            Cpu.AdaptiveAvgPool2dBackward(g, gy.Cpu, gx.Cpu);
            Gpu.AdaptiveAvgPool2dBackward(g, gy.Gpu, gx.Gpu);
            Same(gx, Tol(dtype), $"{g} backward");
        }
    }
}
