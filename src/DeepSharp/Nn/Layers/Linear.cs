using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// Fully connected layer y = x Wᵀ + b, PyTorch's convention: the weight is (out, in), one row per
/// output unit, so row j holds the incoming weights of unit j. (The lectures' row-vector form
/// y = x W uses W (in, out) = this weight transposed.)
/// </summary>
/// <remarks>
/// <para>input (..., in) -> output (..., out); weight (out, in), bias (out).</para>
/// <para>Default initialization (PyTorch's): weight ~ U(-1/√in, 1/√in), i.e. Kaiming-uniform with
/// a = √5, and bias ~ U(-1/√in, 1/√in).</para>
/// </remarks>
public sealed class Linear : Module, IActivationFusing
{
    /// <summary>Creates the layer and initializes it with <paramref name="rng"/> (<see cref="RandomGenerator.Default"/> when null).</summary>
    /// <param name="inFeatures">Size of each input sample (at least 1).</param>
    /// <param name="outFeatures">Size of each output sample (at least 1).</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="rng">Generator for the initial weights.</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, RandomGenerator? rng = null)
    {
        if (inFeatures < 1) throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, "Linear: inFeatures must be at least 1.");
        if (outFeatures < 1) throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, "Linear: outFeatures must be at least 1.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Tensor.Zeros(outFeatures, inFeatures));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros(outFeatures));
        ResetParameters(rng ?? RandomGenerator.Default);
    }

    /// <summary>Input features per sample.</summary>
    public int InFeatures { get; }

    /// <summary>Output features per sample.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight (out, in).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias (out), or null when built without one.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-draws weight and bias from U(-1/√in, 1/√in).</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        Init.PyTorchDefault(Weight, Bias, rng);
    }

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The last dimension is not <see cref="InFeatures"/>.</exception>
    public override Tensor Forward(Tensor input) => Forward(input, Backends.Activation.None);

    /// <summary>act(x Wᵀ + b) in one fused pass (what <see cref="Sequential"/> uses for Linear + ReLU / Tanh / Sigmoid).</summary>
    /// <exception cref="ShapeMismatchException">The last dimension is not <see cref="InFeatures"/>.</exception>
    public Tensor Forward(Tensor input, Backends.Activation activation)
    {
        if (input.Rank == 0 || input.Shape[^1] != InFeatures)
            throw new ShapeMismatchException($"{this} expected input (N, {InFeatures}), got {Shapes.Format(input.Shape)}.");
        return Functional.Linear(input, Weight, Bias, activation);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Linear({InFeatures} -> {OutFeatures}{(Bias is null ? ", no bias" : "")})");
}
