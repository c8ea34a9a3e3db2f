using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Group normalization (PyTorch's <c>nn.GroupNorm</c>): statistics per sample and channel group.</summary>
/// <remarks>input (N, C, *) -> output (N, C, *); weight and bias (C), initialized to 1 and 0.</remarks>
public sealed class GroupNorm : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numGroups">Groups (at least 1, dividing <paramref name="numChannels"/>).</param>
    /// <param name="numChannels">Channels C.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <param name="affine">Learn a per-channel scale and shift.</param>
    public GroupNorm(int numGroups, int numChannels, double eps = 1e-5, bool affine = true)
    {
        if (numChannels < 1) throw new ArgumentOutOfRangeException(nameof(numChannels), numChannels, "GroupNorm: numChannels must be at least 1.");
        if (numGroups < 1 || numChannels % numGroups != 0)
            throw new ArgumentOutOfRangeException(nameof(numGroups), numGroups, $"GroupNorm: numGroups must be at least 1 and divide numChannels ({numChannels}).");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "GroupNorm: eps must be positive.");
        NumGroups = numGroups;
        NumChannels = numChannels;
        Eps = eps;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(numChannels));
            Bias = RegisterParameter("bias", Tensor.Zeros(numChannels));
        }
    }

    /// <summary>Channel groups.</summary>
    public int NumGroups { get; }

    /// <summary>Channels C.</summary>
    public int NumChannels { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>Per-channel scale, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>Per-channel shift, or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Sets the scale to 1 and the shift to 0.</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        using var _ = Autograd.GradMode.NoGrad();
        Weight?.Fill(1);
        Bias?.Fill(0);
    }

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The input is not (N, C, *) with C = <see cref="NumChannels"/>.</exception>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank < 2 || input.Shape[1] != NumChannels)
            throw new ShapeMismatchException($"{this} expected input (N, {NumChannels}, *), got {Shapes.Format(input.Shape)}.");
        return Functional.GroupNorm(input, NumGroups, Weight, Bias, Eps);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"GroupNorm({NumGroups}, {NumChannels}, eps={Eps}, affine={Weight is not null})");
}
