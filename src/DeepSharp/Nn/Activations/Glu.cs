using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Gated linear unit: a ⊙ σ(b) over the two halves of <see cref="Dim"/> (PyTorch's <c>nn.GLU</c>).</summary>
/// <remarks>input (..., 2d, ...) -> output (..., d, ...).</remarks>
public sealed class Glu : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="dim">The dimension split in half (negative counts from the end).</param>
    public Glu(int dim = -1) => Dim = dim;

    /// <summary>The dimension split in half.</summary>
    public int Dim { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Glu(input, Dim);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"GLU(dim={Dim})");
}
