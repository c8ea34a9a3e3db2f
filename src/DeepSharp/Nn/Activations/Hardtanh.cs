using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Hardtanh: x clamped to [min, max] (PyTorch's <c>nn.Hardtanh</c>).</summary>
/// <remarks>input (*) -> output (*), same shape.</remarks>
public sealed class Hardtanh : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="min">Lower bound (finite, below <paramref name="max"/>).</param>
    /// <param name="max">Upper bound (finite).</param>
    public Hardtanh(double min = -1, double max = 1)
    {
        if (!(double.IsFinite(min) && double.IsFinite(max) && min < max))
            throw new ArgumentOutOfRangeException(nameof(min), $"Hardtanh: need finite min < max, got {min} and {max}.");
        Min = min;
        Max = max;
    }

    /// <summary>Lower bound.</summary>
    public double Min { get; }

    /// <summary>Upper bound.</summary>
    public double Max { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Hardtanh(input, Min, Max);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Hardtanh(min_val={Min}, max_val={Max})");
}
