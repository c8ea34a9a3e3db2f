namespace DeepSharp.Training;

/// <summary>A metric whose accumulated state is a vector of sums, so the states of several
/// processes add up to the state over all their samples (data-parallel training reports the
/// metric over every rank's batches).</summary>
public interface IMergeableMetric : IMetric
{
    /// <summary>The length of the state vector.</summary>
    int StateLength { get; }

    /// <summary>Writes the accumulated sums into <paramref name="state"/> (length <see cref="StateLength"/>).</summary>
    void ExportState(Span<double> state);

    /// <summary>Replaces the accumulated sums by <paramref name="state"/> (length <see cref="StateLength"/>).</summary>
    void ImportState(ReadOnlySpan<double> state);
}
