using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Softmax along a dimension: each slice becomes a probability vector e^(x_i) / Σ_j e^(x_j).</summary>
/// <remarks>input (*) -> output (*), same shape, probabilities along <see cref="Dim"/>. Stable for logits of ±1000.</remarks>
public sealed class Softmax : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="dim">The dimension normalized over (negative counts from the end; default the last).</param>
    public Softmax(int dim = -1) => Dim = dim;

    /// <summary>The dimension normalized over.</summary>
    public int Dim { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Softmax(input, Dim);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Softmax(dim={Dim})");
}
