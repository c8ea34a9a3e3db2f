namespace DeepSharp.Plotting;

/// <summary>
/// "Nice numbers" axis ticks (after Heckbert, Graphics Gems, 1990): the step is 1, 2 or 5 times a
/// power of ten, chosen so that about <c>maxTicks</c> ticks cover the range.
/// </summary>
/// <remarks>Heckbert first rounds the range itself up to a nice number and divides that; we divide
/// the range as it is, because rounding it first (2.14 up to 5, say) can halve the number of ticks.</remarks>
public static class NiceTicks
{
    /// <summary>A number close to <paramref name="x"/> &gt; 0 of the form {1, 2, 5, 10} x 10^k: the
    /// nearest such when <paramref name="round"/>, otherwise the smallest not below <paramref name="x"/>.</summary>
    public static double NiceNumber(double x, bool round)
    {
        if (!(x > 0) || !double.IsFinite(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "Expected a positive finite number.");
        double exponent = Math.Floor(Math.Log10(x));
        double power = Math.Pow(10, exponent);
        double fraction = x / power;
        double nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /// <summary>Ticks whose range is widened to whole steps around [<paramref name="min"/>, <paramref name="max"/>]
    /// (the axis starts and ends on a tick).</summary>
    /// <param name="min">Smallest data value.</param>
    /// <param name="max">Largest data value.</param>
    /// <param name="maxTicks">About how many ticks are wanted (at least 2).</param>
    /// <param name="minStep">Smallest allowed step (e.g. 1 for epoch numbers); 0 for none.</param>
    public static TickSet Loose(double min, double max, int maxTicks = 6, double minStep = 0)
    {
        (min, max) = Validate(min, max, maxTicks, minStep);
        double step = Step(min, max, maxTicks, minStep);
        double lo = RoundToStep(Math.Floor(min / step + 1e-9) * step, step);
        double hi = RoundToStep(Math.Ceiling(max / step - 1e-9) * step, step);
        return new TickSet(lo, hi, step, Values(lo, hi, step));
    }

    /// <summary>Ticks inside [<paramref name="min"/>, <paramref name="max"/>], which stays the axis
    /// range (for axes whose extent is fixed, such as an image's). At least two ticks are returned.</summary>
    public static TickSet Within(double min, double max, int maxTicks = 6, double minStep = 0)
    {
        (min, max) = Validate(min, max, maxTicks, minStep);
        for (int wanted = maxTicks; ; wanted++)
        {
            double step = Step(min, max, wanted, minStep);
            double[] values = Values(min, max, step);
            // A step too coarse for the range can leave fewer than two ticks inside it.
            if (values.Length >= 2 || wanted > maxTicks + 20)
                return new TickSet(min, max, step, values);
        }
    }

    private static (double Min, double Max) Validate(double min, double max, int maxTicks, double minStep)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentOutOfRangeException(nameof(min), $"Expected a finite range, got [{min}, {max}].");
        if (min > max)
            throw new ArgumentOutOfRangeException(nameof(min), $"Expected min <= max, got [{min}, {max}].");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        if (!(minStep >= 0) || !double.IsFinite(minStep))
            throw new ArgumentOutOfRangeException(nameof(minStep), minStep, "Expected a finite step >= 0.");
        // Spans below 1e-300 (denormal losses, say) would make steps and pixel positions underflow to 0 or NaN.
        const double minSpan = 1e-300;
        if (max - min <= Math.Max(Math.Abs(min), Math.Abs(max)) * 1e-12 || max - min < minSpan)
        {
            // A single value: centre an axis on it.
            double pad = min == 0 ? 1 : Math.Max(Math.Abs(min) * 0.1, minSpan);
            pad = Math.Max(pad, minStep);
            return (min - pad, max + pad);
        }
        return (min, max);
    }

    private static double Step(double min, double max, int maxTicks, double minStep)
    {
        double step = NiceNumber((max - min) / (maxTicks - 1), round: true);
        return minStep > 0 && step < minStep ? NiceNumber(minStep, round: false) : step;
    }

    private static double[] Values(double lo, double hi, double step)
    {
        long first = (long)Math.Ceiling(lo / step - 1e-9), last = (long)Math.Floor(hi / step + 1e-9);
        var values = new double[Math.Max(0, last - first + 1)];
        for (long k = first; k <= last; k++)
            values[k - first] = RoundToStep(k * step, step);
        return values;
    }

    // Rounds to one decimal more than the step has, so 3 * 0.1 is 0.3, not 0.30000000000000004.
    // Steps below 1e-14 need more decimals than Math.Round offers (15): rounding to 15 would turn
    // every tick of a tiny range (denormal losses, say) into 0, so those are left as computed.
    private static double RoundToStep(double value, double step)
    {
        double decimals = -Math.Floor(Math.Log10(step)) + 1;
        return decimals > 15 ? value : Math.Round(value, (int)Math.Max(decimals, 0));
    }
}
