namespace DeepSharp.Nn;

/// <summary>Batch normalization over a batch of images (PyTorch's <c>nn.BatchNorm2d</c>).</summary>
/// <remarks>input (N, C, H, W) -> output (N, C, H, W); statistics per channel over N, H and W.</remarks>
public sealed class BatchNorm2d : BatchNormBase
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">Channels C (at least 1).</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <param name="momentum">Weight of each new batch in the running statistics, in [0, 1]; null for a cumulative average.</param>
    /// <param name="affine">Learn a scale γ and shift β per channel.</param>
    /// <param name="trackRunningStats">Keep running statistics for evaluation mode.</param>
    public BatchNorm2d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true)
        : base(numFeatures, eps, momentum, affine, trackRunningStats) { }

    private protected override bool AcceptsRank(int rank) => rank == 4;

    private protected override string ExpectedInput => "(N, C, H, W)";
}
