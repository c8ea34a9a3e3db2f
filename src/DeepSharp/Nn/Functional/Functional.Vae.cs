using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>KL(N(μ, diag(e^logVar)) ‖ N(0, I)) = −½ Σ_j (1 + logVar_j − μ_j² − e^logVar_j), per row,
    /// reduced over the batch (the closed form of Kingma and Welling's appendix B).</summary>
    /// <param name="mean">μ (N, K).</param>
    /// <param name="logVariance">log σ² (N, K).</param>
    /// <param name="reduction">Mean (default) or sum over the N rows, or none: (N).</param>
    /// <exception cref="ShapeMismatchException">The shapes differ or are not (N, K).</exception>
    public static Tensor GaussianKlDivergence(Tensor mean, Tensor logVariance, Reduction reduction = Reduction.Mean)
    {
        if (mean.Rank != 2 || !mean.Shape.SequenceEqual(logVariance.Shape))
            throw new ShapeMismatchException($"GaussianKlDivergence: expected mean and logVariance of the same shape (N, K), got {Shapes.Format(mean.Shape)} and {Shapes.Format(logVariance.Shape)}.");
        var perRow = (logVariance + 1 - mean.Square() - logVariance.Exp()).Sum(1) * -0.5;
        return Reduce(perRow, reduction);
    }

    /// <summary>The reparameterization z = μ + e^(½ logVar) ⊙ ε with ε = <paramref name="noise"/> ~ N(0, I):
    /// a sample of q(z | x) through which gradients reach μ and logVar.</summary>
    /// <remarks>mean, logVariance, noise (N, K) -> z (N, K).</remarks>
    public static Tensor Reparameterize(Tensor mean, Tensor logVariance, Tensor noise)
    {
        if (!mean.Shape.SequenceEqual(logVariance.Shape) || !mean.Shape.SequenceEqual(noise.Shape))
            throw new ShapeMismatchException($"Reparameterize: expected mean, logVariance and noise of one shape, got {Shapes.Format(mean.Shape)}, {Shapes.Format(logVariance.Shape)} and {Shapes.Format(noise.Shape)}.");
        return mean + (logVariance * 0.5).Exp() * noise;
    }
}
