using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;
using static DeepSharp.Tests.Nn.RecurrentTestSupport;

namespace DeepSharp.Tests.Nn;

/// <summary>Float64 gradient checks of the functional forms behind the normalization, embedding
/// and attention layers (composed from differentiable ops: these prove the composition).</summary>
public sealed class ModernGradCheckTests
{
    private static Tensor Smooth(int[] shape, double phase = 0) => Filled(shape, k => Math.Sin(0.7 * k + phase) + 0.05 * k, DType.Float64);

    [Fact]
    public void BatchNormTrainingAndEvaluation()
    {
        GradChecks(t => Functional.BatchNorm(t[0], null, null, t[1], t[2], training: true), Smooth([3, 2, 2, 2]), Smooth([2], 1), Smooth([2], 2));
        GradChecks(t => Functional.BatchNorm(t[0], null, null, t[1], t[2], training: true), Smooth([4, 3]), Smooth([3], 1), Smooth([3], 2));
        var mean = Tensor.FromArray(new double[] { 0.1, -0.2 }, 2);
        var variance = Tensor.FromArray(new double[] { 0.5, 2.0 }, 2);
        GradChecks(t => Functional.BatchNorm(t[0], mean.To(DType.Float64), variance.To(DType.Float64), t[1], t[2], training: false),
            Smooth([2, 2, 3]), Smooth([2], 1), Smooth([2], 2));
    }

    [Fact]
    public void LayerNormAndGroupNorm()
    {
        GradChecks(t => Functional.LayerNorm(t[0], [3, 4], t[1], t[2]), Smooth([2, 3, 4]), Smooth([3, 4], 1), Smooth([3, 4], 2));
        GradChecks(t => Functional.LayerNorm(t[0], [5]), Smooth([3, 5]));
        GradChecks(t => Functional.GroupNorm(t[0], 2, t[1], t[2]), Smooth([2, 4, 3]), Smooth([4], 1), Smooth([4], 2));
    }

    [Fact]
    public void EmbeddingWithAndWithoutPadding()
    {
        var index = Tensor.FromArray(new[] { 0, 2, 2, 3, 1, 0 }, 3, 2);
        GradChecks(t => Functional.Embedding(index, t[0]), Smooth([4, 3]));
        // With a padding row the forward still reads it, but its gradient is zero by definition
        // (PyTorch's padding_idx), so central differences cannot check it: the other rows must get
        // exactly the gradient they get without padding.
        var plain = Smooth([4, 3]).RequireGrad();
        var padded = Smooth([4, 3]).RequireGrad();
        var v = Smooth([3, 2, 3], 3);
        (Functional.Embedding(index, plain) * v).Sum().Backward();
        (Functional.Embedding(index, padded, paddingIndex: 2) * v).Sum().Backward();
        var expected = plain.Grad!.ToDoubleArray();
        for (int j = 6; j < 9; j++) expected[j] = 0;
        Assert.Equal(expected, padded.Grad!.ToDoubleArray());
        Assert.Equal(Functional.Embedding(index, plain).ToDoubleArray(), Functional.Embedding(index, padded, paddingIndex: 2).ToDoubleArray());
    }

    [Fact]
    public void ScaledDotProductAttentionWithMasks()
    {
        var padding = Tensor.FromArray(new[] { 0, 0, 1, 0, 0, 0 }, 2, 3);
        GradChecks(t => Functional.ScaledDotProductAttention(t[0], t[1], t[2], Functional.CausalMask(3, DType.Float64), padding).Output,
            Smooth([2, 2, 3, 4]), Smooth([2, 2, 3, 4], 1), Smooth([2, 2, 3, 2], 2));
        GradChecks(t => Functional.ScaledDotProductAttention(t[0], t[1], t[2]).Weights, Smooth([2, 3, 4]), Smooth([2, 5, 4], 1), Smooth([2, 5, 2], 2));
    }

    [Fact]
    public void CausalMaskHidesTheFuture()
    {
        var mask = Functional.CausalMask(3).ToFloatArray();
        Assert.Equal(new float[] { 0, float.NegativeInfinity, float.NegativeInfinity, 0, 0, float.NegativeInfinity, 0, 0, 0 }, mask);
    }

    [Fact]
    public void NewActivations()
    {
        var x = Filled([2, 2, 3], k => -3.3 + 0.55 * k + 0.013 * k * k, DType.Float64);
        GradChecks(t => Functional.Relu6(t[0]), x);
        GradChecks(t => Functional.Hardtanh(t[0], -2, 0.5), x);
        GradChecks(t => Functional.Hardswish(t[0]), x);
        GradChecks(t => Functional.Mish(t[0]), x);
        GradChecks(t => Functional.Selu(t[0]), x);
        GradChecks(t => Functional.Glu(t[0], 1), x);
        GradChecks(t => Functional.Prelu(t[0], t[1]), x, Tensor.FromArray(new double[] { 0.1, -0.3 }, 2));
        GradChecks(t => Functional.Prelu(t[0], t[1]), x, Tensor.FromArray(new double[] { 0.2 }, 1));
        Assert.Throws<ShapeMismatchException>(() => Functional.Glu(x, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Hardtanh(1, 1));
    }
}
