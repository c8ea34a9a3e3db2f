namespace DeepSharp.Training;

/// <summary>Whether a monitored value improves by going down or up.</summary>
public enum MonitorMode
{
    /// <summary>Losses go down; metrics follow <see cref="IMetric.HigherIsBetter"/>.</summary>
    Auto,
    /// <summary>Lower is better.</summary>
    Min,
    /// <summary>Higher is better.</summary>
    Max,
}
