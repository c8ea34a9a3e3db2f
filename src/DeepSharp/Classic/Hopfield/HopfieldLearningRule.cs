namespace DeepSharp.Classic;

/// <summary>How a <see cref="HopfieldNetwork"/> turns stored patterns into weights.</summary>
public enum HopfieldLearningRule
{
    /// <summary>Hebb's rule: w_ij = (1/N) Σ_μ ξ^μ_i ξ^μ_j, w_ii = 0. Capacity about 0.138 N random patterns.</summary>
    Hebbian,

    /// <summary>The pseudo-inverse (projection) rule: W = (1/N) Ξᵀ Q⁻¹ Ξ with the overlap matrix
    /// Q_μν = (1/N) ξ^μ·ξ^ν, diagonal then set to 0. Every stored pattern that is linearly
    /// independent of the others is a fixed point, correlated or not, up to about N/2 patterns.</summary>
    PseudoInverse,
}
