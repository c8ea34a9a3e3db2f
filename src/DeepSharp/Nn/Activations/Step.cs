using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Unit step: 1 where x ≥ threshold, else 0 (Heaviside when the threshold is 0).</summary>
/// <remarks>input (*) -> output (*), same shape. The gradient is zero almost everywhere (the
/// backward passes zeros): this layer is for perceptrons trained by the perceptron rule, not by
/// backpropagation.</remarks>
public sealed class Step : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="threshold">Where the output jumps from 0 to 1 (finite).</param>
    public Step(double threshold = 0)
    {
        if (!double.IsFinite(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Step: threshold must be finite.");
        Threshold = threshold;
    }

    /// <summary>Where the output jumps from 0 to 1.</summary>
    public double Threshold { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Step(input, Threshold);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Step(threshold={Threshold})");
}
