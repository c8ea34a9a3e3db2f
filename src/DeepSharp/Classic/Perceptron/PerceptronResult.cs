namespace DeepSharp.Classic;

/// <summary>The outcome of perceptron training.</summary>
/// <param name="Converged">True when an epoch passed with no mistake (every sample classified correctly).</param>
/// <param name="Epochs">Epochs run (at most <see cref="PerceptronOptions.MaxEpochs"/>).</param>
/// <param name="FinalMistakes">Samples the final weights misclassify (0 when converged).</param>
/// <param name="MistakesPerEpoch">Mistakes (hence updates) made during each epoch, sample by sample.</param>
public sealed record PerceptronResult(bool Converged, int Epochs, int FinalMistakes, IReadOnlyList<int> MistakesPerEpoch)
{
    /// <summary>One line, e.g. <c>converged after 3 epochs (mistakes per epoch: 5, 1, 0)</c>.</summary>
    public override string ToString() =>
        (Converged ? $"converged after {Epochs} epochs" : $"did not converge in {Epochs} epochs; {FinalMistakes} samples still misclassified")
        + $" (mistakes per epoch: {string.Join(", ", MistakesPerEpoch.Take(12))}{(MistakesPerEpoch.Count > 12 ? ", ..." : "")})";
}
