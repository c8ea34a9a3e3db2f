using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Exponential linear unit: x for x &gt; 0, α(e^x - 1) otherwise.</summary>
/// <remarks>input (*) -> output (*), same shape, values &gt; -α.</remarks>
public sealed class Elu : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="alpha">Saturation value -α for large negative inputs (finite).</param>
    public Elu(double alpha = 1)
    {
        if (!double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ELU: alpha must be finite.");
        Alpha = alpha;
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Elu(input, Alpha);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ELU(alpha={Alpha})");
}
