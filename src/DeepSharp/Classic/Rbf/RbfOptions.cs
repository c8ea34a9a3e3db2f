namespace DeepSharp.Classic;

/// <summary>How <see cref="RbfNetwork.FitFromData"/> places the units and fits the readout. Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
public sealed record RbfOptions
{
    /// <summary>Centres from k-means (default) or sampled inputs.</summary>
    public RbfCentreSelection Centres { get; init; } = RbfCentreSelection.KMeans;

    /// <summary>Each width is this factor times the mean distance from its centre to the
    /// <see cref="WidthNeighbours"/> nearest other centres (Moody and Darken's heuristic), &gt; 0 (default 1).</summary>
    public double WidthScale { get; init => field = Check.Positive(value, nameof(WidthScale)); } = 1;

    /// <summary>Neighbouring centres averaged for a width, 1..64 (default 2).</summary>
    public int WidthNeighbours
    {
        get;
        init => field = value is >= 1 and <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(WidthNeighbours), value, $"WidthNeighbours must be in 1..64, got {value}.");
    } = 2;

    /// <summary>Ridge λ of the least-squares readout (ΦᵀΦ + λI) W = ΦᵀY, ≥ 0 (default 1e-6; the bias is not penalized).</summary>
    public double Ridge { get; init => field = Check.NonNegative(value, nameof(Ridge)); } = 1e-6;

    /// <summary>Most k-means rounds, 1..10,000 (default 100).</summary>
    public int KMeansIterations
    {
        get;
        init => field = value is >= 1 and <= 10_000 ? value : throw new ArgumentOutOfRangeException(nameof(KMeansIterations), value, $"KMeansIterations must be in 1..10000, got {value}.");
    } = 100;
}
