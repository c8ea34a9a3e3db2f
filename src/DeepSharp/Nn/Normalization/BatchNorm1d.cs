namespace DeepSharp.Nn;

/// <summary>Batch normalization over a batch of feature vectors or sequences (PyTorch's <c>nn.BatchNorm1d</c>).</summary>
/// <remarks>input (N, C) or (N, C, L) -> output of the same shape; statistics per channel C.</remarks>
public sealed class BatchNorm1d : BatchNormBase
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">Channels C (at least 1).</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <param name="momentum">Weight of each new batch in the running statistics, in [0, 1]; null for a cumulative average.</param>
    /// <param name="affine">Learn a scale γ and shift β per channel.</param>
    /// <param name="trackRunningStats">Keep running statistics for evaluation mode.</param>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true)
        : base(numFeatures, eps, momentum, affine, trackRunningStats) { }

    private protected override bool AcceptsRank(int rank) => rank is 2 or 3;

    private protected override string ExpectedInput => "(N, C) or (N, C, L)";
}
