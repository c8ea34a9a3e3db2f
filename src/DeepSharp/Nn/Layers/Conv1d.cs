using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>A 1-D convolution layer over (N, C, L) sequences, computed as a height-1 <see cref="Conv2d"/>.</summary>
/// <remarks>
/// input (N, C, L) -> output (N, K, OL), OL = (L + 2·P - D·(KL - 1) - 1) / S + 1. Weight (K, C/groups, KL)
/// and bias (K) start uniform in ±1/√fanIn, fanIn = C/groups · KL, as in PyTorch.
/// </remarks>
public sealed class Conv1d : Module
{
    /// <summary>Creates the layer: <c>new Conv1d(3, 8, 5, padding: 2)</c>.</summary>
    /// <param name="inChannels">C.</param>
    /// <param name="outChannels">K.</param>
    /// <param name="kernelSize">KL.</param>
    /// <param name="stride">Default 1.</param>
    /// <param name="padding">Default 0.</param>
    /// <param name="dilation">Default 1.</param>
    /// <param name="groups">Default 1.</param>
    /// <param name="bias">Learn a bias; default true.</param>
    /// <param name="rng">Initializes the parameters; <see cref="RandomGenerator.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named as in <see cref="Conv2dOptions"/>).</exception>
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1,
        int groups = 1, bool bias = true, RandomGenerator? rng = null)
    {
        // The 2-D options validate every value with the same names and rules.
        Options = new Conv2dOptions(inChannels, outChannels, (1, kernelSize))
        {
            Stride = (1, stride), Padding = (0, padding), Dilation = (1, dilation), Groups = groups, Bias = bias,
        }.Validate();
        Weight = RegisterParameter("weight", Tensor.Zeros(outChannels, inChannels / groups, kernelSize));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros(outChannels));
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    /// <summary>The configuration as a height-1 2-D convolution.</summary>
    public Conv2dOptions Options { get; }

    /// <summary>Filters (K, C/groups, KL).</summary>
    public Tensor Weight { get; }

    /// <summary>Bias (K), or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        ConvFunctional.Conv1d(input, Weight, Bias, Options.Stride.Width, Options.Padding.Width, Options.Dilation.Width, Options.Groups);

    /// <summary>Uniform in ±1/√fanIn for weight and bias (PyTorch's default).</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        Init.PyTorchDefault(Weight, Bias, rng);
    }

    /// <summary><c>Conv1d(3 -> 8, 5)</c> plus the non-default options.</summary>
    public override string ToString()
    {
        var o = Options;
        var s = $"Conv1d({o.InChannels} -> {o.OutChannels}, {o.KernelSize.Width}";
        if (o.Stride.Width != 1) s += $", stride {o.Stride.Width}";
        if (o.Padding.Width != 0) s += $", padding {o.Padding.Width}";
        if (o.Dilation.Width != 1) s += $", dilation {o.Dilation.Width}";
        if (o.Groups != 1) s += $", groups {o.Groups}";
        if (!o.Bias) s += ", no bias";
        return s + ")";
    }
}
