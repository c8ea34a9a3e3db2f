using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Softplus log(1 + e^(βx)) / β, a smooth ReLU whose derivative is the sigmoid σ(βx).</summary>
/// <remarks>input (*) -> output (*), same shape, values &gt; 0. Where βx &gt; threshold the output is x.</remarks>
public sealed class Softplus : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="beta">Sharpness β (positive, finite).</param>
    /// <param name="threshold">Above this value of βx the layer is linear.</param>
    public Softplus(double beta = 1, double threshold = 20)
    {
        if (!(beta > 0) || double.IsInfinity(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "Softplus: beta must be positive and finite.");
        if (double.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Softplus: threshold must be a number.");
        Beta = beta;
        Threshold = threshold;
    }

    /// <summary>Sharpness β.</summary>
    public double Beta { get; }

    /// <summary>Above this value of βx the layer is linear.</summary>
    public double Threshold { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Softplus(input, Beta, Threshold);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Softplus(beta={Beta}, threshold={Threshold})");
}
