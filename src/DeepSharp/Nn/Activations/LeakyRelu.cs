using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Leaky ReLU: x for x &gt; 0, slope · x otherwise.</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class LeakyRelu : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="slope">Slope for negative inputs (finite; PyTorch's default 0.01).</param>
    public LeakyRelu(double slope = 0.01)
    {
        if (!double.IsFinite(slope)) throw new ArgumentOutOfRangeException(nameof(slope), slope, "LeakyReLU: slope must be finite.");
        Slope = slope;
    }

    /// <summary>Slope for negative inputs.</summary>
    public double Slope { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.LeakyRelu(input, Slope);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"LeakyReLU({Slope})");
}
