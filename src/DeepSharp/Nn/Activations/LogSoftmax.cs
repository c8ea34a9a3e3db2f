using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Log-softmax along a dimension: x_i - log Σ_j e^(x_j), the log-probabilities that <see cref="NllLoss"/> takes.</summary>
/// <remarks>input (*) -> output (*), same shape, log-probabilities along <see cref="Dim"/>. Stable for logits of ±1000.</remarks>
public sealed class LogSoftmax : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="dim">The dimension normalized over (negative counts from the end; default the last).</param>
    public LogSoftmax(int dim = -1) => Dim = dim;

    /// <summary>The dimension normalized over.</summary>
    public int Dim { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.LogSoftmax(input, Dim);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"LogSoftmax(dim={Dim})");
}
