using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>A 2-D convolution layer over NCHW images: learnable filters (and a bias per filter).</summary>
/// <remarks>
/// input (N, C, H, W) -> output (N, K, OH, OW), OH = (H + 2·PH - DH·(KH - 1) - 1) / SH + 1.
/// Weight (K, C/groups, KH, KW) and bias (K) start as PyTorch's: uniform in ±1/√fanIn,
/// fanIn = C/groups · KH · KW (Kaiming-uniform with a = √5).
/// </remarks>
public sealed class Conv2d : Module, IActivationFusing
{
    /// <summary>Creates the layer from validated options.</summary>
    /// <param name="options">Channels, kernel size, stride, padding, dilation, groups, bias.</param>
    /// <param name="rng">Initializes the parameters; <see cref="RandomGenerator.Default"/> when null.</param>
    public Conv2d(Conv2dOptions options, RandomGenerator? rng = null)
    {
        Options = options.Validate();
        var k = options.KernelSize;
        Weight = RegisterParameter("weight", Tensor.Zeros(options.OutChannels, options.InChannels / options.Groups, k.Height, k.Width));
        if (options.Bias) Bias = RegisterParameter("bias", Tensor.Zeros(options.OutChannels));
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    /// <summary>Creates the layer: <c>new Conv2d(1, 6, 5, padding: 2)</c>.</summary>
    /// <param name="inChannels">C.</param>
    /// <param name="outChannels">K.</param>
    /// <param name="kernelSize">KH x KW (an int for a square kernel).</param>
    /// <param name="stride">Default 1.</param>
    /// <param name="padding">Default 0.</param>
    /// <param name="dilation">Default 1.</param>
    /// <param name="groups">Default 1.</param>
    /// <param name="bias">Learn a bias; default true.</param>
    /// <param name="rng">Initializes the parameters; <see cref="RandomGenerator.Default"/> when null.</param>
    public Conv2d(int inChannels, int outChannels, Size2d kernelSize, Size2d? stride = null, Size2d? padding = null,
        Size2d? dilation = null, int groups = 1, bool bias = true, RandomGenerator? rng = null)
        : this(new Conv2dOptions(inChannels, outChannels, kernelSize)
        {
            Stride = stride ?? 1, Padding = padding ?? 0, Dilation = dilation ?? 1, Groups = groups, Bias = bias,
        }, rng)
    {
    }

    /// <summary>The configuration.</summary>
    public Conv2dOptions Options { get; }

    /// <summary>Filters (K, C/groups, KH, KW).</summary>
    public Tensor Weight { get; }

    /// <summary>Bias (K), or null when the layer has none.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        ConvFunctional.Conv2d(input, Weight, Bias, Options.Stride, Options.Padding, Options.Dilation, Options.Groups);

    /// <summary>The layer followed by <paramref name="activation"/> as one primitive (what a container
    /// can use for a Conv2d directly followed by ReLU, Tanh or Sigmoid); same values as the two layers.</summary>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="activation">The activation applied to the output.</param>
    public Tensor Forward(Tensor input, Activation activation) =>
        ConvFunctional.Conv2d(input, Weight, Bias, Options.Stride, Options.Padding, Options.Dilation, Options.Groups, activation);

    /// <summary>Uniform in ±1/√fanIn for weight and bias (PyTorch's default).</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        Init.PyTorchDefault(Weight, Bias, rng);
    }

    /// <summary><c>Conv2d(1 -> 6, 5x5, padding (2, 2))</c>: the channels, the kernel and every non-default option.</summary>
    public override string ToString()
    {
        var o = Options;
        var s = $"Conv2d({o.InChannels} -> {o.OutChannels}, {o.KernelSize}";
        if (o.Stride != new Size2d(1, 1)) s += $", stride {o.Stride.Pair}";
        if (o.Padding != new Size2d(0, 0)) s += $", padding {o.Padding.Pair}";
        if (o.Dilation != new Size2d(1, 1)) s += $", dilation {o.Dilation.Pair}";
        if (o.Groups != 1) s += $", groups {o.Groups}";
        if (!o.Bias) s += ", no bias";
        return s + ")";
    }
}
