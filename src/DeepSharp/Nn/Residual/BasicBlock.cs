using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// The basic residual block of ResNet-18/34 (torchvision's <c>BasicBlock</c>, same member names):
/// relu(bn2(conv2(relu(bn1(conv1(x))))) + downsample(x)), 3x3 convolutions without bias, the
/// first with the block's stride; <c>downsample</c> (1x1 convolution + batch norm) only when the
/// stride or the channel count changes.
/// </summary>
/// <remarks>input (N, in, H, W) -> output (N, out, ⌈H / stride⌉, ⌈W / stride⌉).</remarks>
public sealed class BasicBlock : Module
{
    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Input channels (at least 1).</param>
    /// <param name="outChannels">Output channels (at least 1).</param>
    /// <param name="stride">Stride of the first convolution (and of the shortcut), at least 1.</param>
    /// <param name="rng">Initial weights; <see cref="RandomGenerator.Default"/> when null.</param>
    public BasicBlock(int inChannels, int outChannels, int stride = 1, RandomGenerator? rng = null)
    {
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "BasicBlock: inChannels must be at least 1.");
        if (outChannels < 1) throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, "BasicBlock: outChannels must be at least 1.");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "BasicBlock: stride must be at least 1.");
        rng ??= RandomGenerator.Default;
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        Conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, stride, 1, bias: false, rng: rng));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        Conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, 1, 1, bias: false, rng: rng));
        Bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
        if (stride != 1 || inChannels != outChannels)
            Downsample = RegisterModule("downsample", new Sequential(
                new Conv2d(inChannels, outChannels, 1, stride, bias: false, rng: rng), new BatchNorm2d(outChannels)));
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Stride of the block.</summary>
    public int Stride { get; }

    /// <summary>First 3x3 convolution (carries the stride).</summary>
    public Conv2d Conv1 { get; }

    /// <summary>Norm after the first convolution.</summary>
    public BatchNorm2d Bn1 { get; }

    /// <summary>Second 3x3 convolution.</summary>
    public Conv2d Conv2 { get; }

    /// <summary>Norm after the second convolution.</summary>
    public BatchNorm2d Bn2 { get; }

    /// <summary>The projection shortcut, or null for the identity.</summary>
    public Sequential? Downsample { get; }

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The input is not (N, in, H, W).</exception>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4 || input.Shape[1] != InChannels)
            throw new ShapeMismatchException($"{this} expected input (N, {InChannels}, H, W), got {Shapes.Format(input.Shape)}.");
        var y = Bn1.Forward(Conv1.Forward(input)).Relu();
        y = Bn2.Forward(Conv2.Forward(y));
        return (y + (Downsample?.Forward(input) ?? input)).Relu();
    }

    /// <summary>One line, e.g. <c>BasicBlock(32 -> 64, stride=2)</c> (the summary table's description).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BasicBlock({InChannels} -> {OutChannels}, stride={Stride})");
}
