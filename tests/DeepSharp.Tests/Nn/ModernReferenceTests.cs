using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using static DeepSharp.Tests.Nn.NnAssert;
using static DeepSharp.Tests.Nn.RecurrentTestSupport;

namespace DeepSharp.Tests.Nn;

/// <summary>
/// Parity with PyTorch 1.13 for the normalization, embedding, attention, Transformer and residual
/// layers: <see cref="ModernReferenceData"/> was printed by Reference/modern_reference.py for the
/// same closed-form weights and inputs rebuilt here (outputs, running statistics, and the gradients
/// of a weighted sum of the outputs), and the member names are PyTorch's.
/// </summary>
public sealed class ModernReferenceTests
{
    private static double[] Expected(string key) => ModernReferenceData.Values[key];

    /// <summary>The script's values: one counter over all parameters in order.</summary>
    internal static void SetParameters(Module module)
    {
        int k = 0;
        using var _ = GradMode.NoGrad();
        foreach (var p in module.NamedParameters())
        {
            int start = k;
            p.Value.CopyFrom(Filled(p.Value.ShapeArray, e => 0.5 * Math.Sin(0.37 * (start + e) + 0.2), p.Value.DType));
            k += p.Value.Numel;
        }
    }

    private static Tensor Input(int[] shape, DType dtype)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        return Filled(shape, k => Math.Sin(0.5 * k) + 0.1 * k / n, dtype).RequireGrad();
    }

    private static Tensor Weigh(Tensor output) =>
        (output * Filled(output.ShapeArray, k => Math.Cos(0.3 * k), output.DType)).Sum();

    private static Module Prepare(Module module, DType dtype)
    {
        module.To(dtype);
        SetParameters(module);
        return module;
    }

    /// <summary>Checks the input and every parameter gradient the script pinned for <paramref name="name"/>,
    /// and that the members carry PyTorch's names in PyTorch's order.</summary>
    private static void CheckGradients(string name, Module module, Tensor x, double tol)
    {
        Assert.Equal(ModernReferenceData.Names[name], module.NamedParameters().Select(p => p.Name).Concat(module.NamedBuffers().Select(b => b.Name)));
        Close(Expected($"{name} grad input"), x.Grad!, tol);
        foreach (var p in module.NamedParameters()) Close(Expected($"{name} grad {p.Name}"), p.Value.Grad!, tol);
    }

    public static TheoryData<DType, double> Precisions => new() { { DType.Float64, 1e-10 }, { DType.Float32, 2e-4 } };

    [Theory]
    [MemberData(nameof(Precisions))]
    public void BatchNorm2dTrainingStepRunningStatisticsAndEvaluation(DType dtype, double tol)
    {
        var bn = (BatchNorm2d)Prepare(new BatchNorm2d(3), dtype);
        var x = Input([4, 3, 2, 3], dtype);
        var y = bn.Forward(x);
        Weigh(y).Backward();
        Close(Expected("BatchNorm2d output"), y, tol);
        CheckGradients("BatchNorm2d", bn, x, tol);
        Close(Expected("BatchNorm2d running_mean"), bn.RunningMean!, tol);
        Close(Expected("BatchNorm2d running_var"), bn.RunningVar!, tol);
        Assert.Equal(1, bn.NumBatchesTracked!.Item());
        bn.Eval();
        Close(Expected("BatchNorm2d eval output"), bn.Forward(x), tol);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void BatchNorm1dCumulativeAverageOverTwoSteps(DType dtype, double tol)
    {
        var bn = (BatchNorm1d)Prepare(new BatchNorm1d(3, momentum: null), dtype);
        var x = Input([4, 3, 5], dtype);
        using (GradMode.NoGrad()) bn.Forward(x * 2 + 1);
        var y = bn.Forward(x);
        Weigh(y).Backward();
        Close(Expected("BatchNorm1d output"), y, tol);
        CheckGradients("BatchNorm1d", bn, x, tol);
        Close(Expected("BatchNorm1d running_mean"), bn.RunningMean!, tol);
        Close(Expected("BatchNorm1d running_var"), bn.RunningVar!, tol);
        Assert.Equal(2, bn.NumBatchesTracked!.Item());
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void LayerNormAndGroupNormMatch(DType dtype, double tol)
    {
        var ln = Prepare(new LayerNorm([3, 4]), dtype);
        var x = Input([2, 3, 4], dtype);
        var y = ln.Forward(x);
        Weigh(y).Backward();
        Close(Expected("LayerNorm output"), y, tol);
        CheckGradients("LayerNorm", ln, x, tol);

        var gn = Prepare(new GroupNorm(2, 4), dtype);
        x = Input([2, 4, 3, 2], dtype);
        y = gn.Forward(x);
        Weigh(y).Backward();
        Close(Expected("GroupNorm output"), y, tol);
        CheckGradients("GroupNorm", gn, x, tol);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void EmbeddingPaddingRowGetsNoGradient(DType dtype, double tol)
    {
        var emb = (Embedding)Prepare(new Embedding(6, 3, paddingIndex: 1), dtype);
        var y = emb.Forward(Tensor.FromArray(new[] { 0, 1, 4, 4, 5, 1 }, 2, 3));
        Assert.Equal([2, 3, 3], y.ShapeArray);
        Weigh(y).Backward();
        Close(Expected("Embedding output"), y, tol);
        Close(Expected("Embedding grad weight"), emb.Weight.Grad!, tol);
        Assert.All(emb.Weight.Grad!.Narrow(0, 1, 1).ToDoubleArray(), g => Assert.Equal(0, g));
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void MultiheadAttentionWithCausalAndPaddingMasks(DType dtype, double tol)
    {
        var mha = (MultiheadAttention)Prepare(new MultiheadAttention(6, 2, batchFirst: true), dtype);
        var q = Input([2, 4, 6], dtype);
        var kv = Filled([2, 4, 6], k => Math.Cos(0.7 * k), dtype).RequireGrad();
        var padding = Tensor.FromArray(new[] { 0, 0, 0, 0, 0, 0, 0, 1 }, 2, 4);
        var (output, weights) = mha.Forward(q, kv, kv, padding, Functional.CausalMask(4, dtype));
        (Weigh(output) + (weights! * Filled(weights!.ShapeArray, k => Math.Sin(0.2 * k + 1), dtype)).Sum()).Backward();
        Close(Expected("MultiheadAttention output"), output.Contiguous(), tol);
        Close(Expected("MultiheadAttention weights"), weights!.Contiguous(), tol);
        Close(Expected("MultiheadAttention grad key"), kv.Grad!, tol);
        CheckGradients("MultiheadAttention", mha, q, tol);
    }

    [Theory]
    [InlineData("TransformerPostNorm", DType.Float64, 1e-10)]
    [InlineData("TransformerPreNorm", DType.Float64, 1e-10)]
    [InlineData("TransformerPostNorm", DType.Float32, 2e-4)]
    [InlineData("TransformerPreNorm", DType.Float32, 2e-4)]
    public void TransformerEncoderLayerPostAndPreNorm(string name, DType dtype, double tol)
    {
        bool pre = name == "TransformerPreNorm";
        var options = new TransformerEncoderLayerOptions(8, 2, 16, 0, pre ? TransformerActivation.Gelu : TransformerActivation.Relu,
            BatchFirst: pre, NormFirst: pre);
        var layer = Prepare(new TransformerEncoderLayer(options), dtype);
        var x = Input(pre ? [2, 3, 8] : [3, 2, 8], dtype);
        var y = layer.Forward(x);
        Weigh(y).Backward();
        Close(Expected($"{name} output"), y.Contiguous(), tol);
        CheckGradients(name, layer, x, tol);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void BasicBlockWithProjectionShortcut(DType dtype, double tol)
    {
        var block = Prepare(new BasicBlock(3, 4, 2), dtype);
        var x = Input([2, 3, 6, 5], dtype);
        var y = block.Forward(x);
        Assert.Equal([2, 4, 3, 3], y.ShapeArray);
        Weigh(y).Backward();
        Close(Expected("BasicBlock output"), y, tol);
        CheckGradients("BasicBlock", block, x, tol);
    }

    private static Tensor ActivationInput(DType dtype) => Filled([2, 2, 3], k => -3.3 + 0.55 * k + 0.013 * k * k, dtype).RequireGrad();

    [Theory]
    [InlineData("ReLU6", DType.Float64, 1e-12)]
    [InlineData("Hardtanh", DType.Float64, 1e-12)]
    [InlineData("Hardswish", DType.Float64, 1e-12)]
    [InlineData("Mish", DType.Float64, 1e-12)]
    [InlineData("SELU", DType.Float64, 1e-12)]
    [InlineData("GLU", DType.Float64, 1e-12)]
    [InlineData("Mish", DType.Float32, 1e-5)]
    [InlineData("GLU", DType.Float32, 1e-5)]
    public void NewActivationsMatch(string name, DType dtype, double tol)
    {
        Module layer = name switch
        {
            "ReLU6" => new Relu6(),
            "Hardtanh" => new Hardtanh(-2, 0.5),
            "Hardswish" => new Hardswish(),
            "Mish" => new Mish(),
            "SELU" => new Selu(),
            _ => new Glu(1),
        };
        var x = ActivationInput(dtype);
        var y = layer.Forward(x);
        Weigh(y).Backward();
        Close(Expected($"{name} output"), y.Contiguous(), tol);
        Close(Expected($"{name} grad input"), x.Grad!, tol);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void PreluPerChannelSlopes(DType dtype, double tol)
    {
        var prelu = Prepare(new Prelu(2, 0.1), dtype);
        var x = ActivationInput(dtype);
        var y = prelu.Forward(x);
        Weigh(y).Backward();
        Close(Expected("PReLU output"), y, tol);
        CheckGradients("PReLU", prelu, x, tol);
    }
}
