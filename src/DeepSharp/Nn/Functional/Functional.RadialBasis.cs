using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>Gaussian radial basis units: φ_k(x) = exp(−‖x − c_k‖² / (2 σ_k²)) with σ_k = exp(logWidths_k).</summary>
    /// <param name="input">Points (N, D).</param>
    /// <param name="centres">Centres (K, D).</param>
    /// <param name="logWidths">log σ (K): widths kept positive by the exponential.</param>
    /// <remarks>input (N, D), centres (K, D), logWidths (K) -> output (N, K) in (0, 1]. Composed of
    /// differentiable primitives (‖x‖² + ‖c‖² − 2 x cᵀ, clamped at 0), so centres and widths can be trained end to end.</remarks>
    /// <exception cref="ShapeMismatchException">The shapes do not fit, naming all of them.</exception>
    public static Tensor RadialBasis(Tensor input, Tensor centres, Tensor logWidths)
    {
        if (input.Rank != 2 || centres.Rank != 2 || logWidths.Rank != 1 || input.Shape[1] != centres.Shape[1] || logWidths.Shape[0] != centres.Shape[0])
            throw new ShapeMismatchException(
                $"RadialBasis: expected input (N, D), centres (K, D) and logWidths (K), got {Shapes.Format(input.Shape)}, {Shapes.Format(centres.Shape)} and {Shapes.Format(logWidths.Shape)}.");
        var squaredDistance = (input.Square().Sum(1, keepDim: true) + centres.Square().Sum(1).Unsqueeze(0) - input.MatMul(centres.T) * 2).Clamp(min: 0);
        var inverseTwoVariance = (logWidths * -2).Exp() * 0.5;
        return (squaredDistance * inverseTwoVariance.Unsqueeze(0)).Neg().Exp();
    }
}
