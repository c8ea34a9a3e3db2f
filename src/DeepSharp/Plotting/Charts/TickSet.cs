using System.Globalization;

namespace DeepSharp.Plotting;

/// <summary>Axis ticks: the axis range [<paramref name="Min"/>, <paramref name="Max"/>] and the tick
/// values, evenly spaced by <paramref name="Step"/>, that lie in it.</summary>
/// <param name="Min">Lower end of the axis.</param>
/// <param name="Max">Upper end of the axis.</param>
/// <param name="Step">Distance between ticks: 1, 2 or 5 times a power of ten.</param>
/// <param name="Values">Tick positions, ascending.</param>
public sealed record TickSet(double Min, double Max, double Step, IReadOnlyList<double> Values)
{
    /// <summary>Formats a value with as many decimals as the step needs (so labels along one axis
    /// line up: 0.0, 0.5, 1.0), or in exponent form for very large or very small magnitudes.</summary>
    public string Format(double value)
    {
        if (Math.Abs(value) < Step * 1e-9) value = 0; // no "-0"
        double magnitude = Math.Max(Math.Abs(Min), Math.Abs(Max));
        if (magnitude >= 1e6 || Step < 1e-4)
            return value.ToString("0.##E+0", CultureInfo.InvariantCulture);
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));
        return value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>The formatted labels of <see cref="Values"/>.</summary>
    public IReadOnlyList<string> Labels => Values.Select(Format).ToArray();
}
