namespace DeepSharp.Classic;

/// <summary>
/// A temperature schedule for simulated annealing: <see cref="Sweeps"/> Gibbs sweeps cooling
/// geometrically from <see cref="StartTemperature"/> to <see cref="EndTemperature"/> (the
/// lecture's "shaking" that lets a network climb out of a local minimum while it is hot).
/// </summary>
public sealed record AnnealingSchedule
{
    /// <summary>Temperature of the first sweep, &gt; 0 (default 10).</summary>
    public double StartTemperature { get; init => field = Check.Positive(value, nameof(StartTemperature)); } = 10;

    /// <summary>Temperature of the last sweep, &gt; 0 and ≤ the start (default 0.05).</summary>
    public double EndTemperature { get; init => field = Check.Positive(value, nameof(EndTemperature)); } = 0.05;

    /// <summary>Number of sweeps (each updates every free unit once), 1..1,000,000 (default 100).</summary>
    public int Sweeps
    {
        get;
        init => field = value is >= 1 and <= 1_000_000 ? value
            : throw new ArgumentOutOfRangeException(nameof(Sweeps), value, $"Sweeps must be in 1..1000000, got {value}.");
    } = 100;

    /// <summary>A constant temperature for <paramref name="sweeps"/> sweeps (sampling at equilibrium).</summary>
    public static AnnealingSchedule Constant(double temperature, int sweeps) =>
        new() { StartTemperature = temperature, EndTemperature = temperature, Sweeps = sweeps };

    /// <summary>The temperature of sweep <paramref name="sweep"/> (0-based): T_start · (T_end / T_start)^(k / (K − 1)).</summary>
    public double TemperatureAt(int sweep)
    {
        if (EndTemperature > StartTemperature)
            throw new ArgumentOutOfRangeException(nameof(EndTemperature), EndTemperature, $"EndTemperature must not exceed StartTemperature ({StartTemperature}).");
        ArgumentOutOfRangeException.ThrowIfNegative(sweep);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sweep, Sweeps);
        return Sweeps == 1 ? EndTemperature : StartTemperature * Math.Pow(EndTemperature / StartTemperature, sweep / (Sweeps - 1.0));
    }
}
