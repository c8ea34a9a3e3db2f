namespace DeepSharp.Plotting;

/// <summary>Clips a series' line to the axis ranges (shared by the plots that draw lines).</summary>
internal static class SeriesClipping
{
    /// <summary>True when (x, y) is finite and inside both ranges.</summary>
    public static bool Inside(double x, double y, TickSet xTicks, TickSet yTicks)
        => double.IsFinite(x) && double.IsFinite(y) && x >= xTicks.Min && x <= xTicks.Max && y >= yTicks.Min && y <= yTicks.Max;

    /// <summary>The pieces of the series' line inside the axes: split at non-finite values and clipped to the range.</summary>
    public static IEnumerable<List<(double X, double Y)>> VisibleRuns(PlotSeries series, TickSet xTicks, TickSet yTicks)
    {
        var run = new List<(double X, double Y)>();
        if (series.X.Length == 1 && Inside(series.X[0], series.Y[0], xTicks, yTicks))
            run.Add((series.X[0], series.Y[0])); // a lone point: a dot
        for (int k = 1; k < series.X.Length; k++)
        {
            if (!double.IsFinite(series.X[k]) || !double.IsFinite(series.Y[k])
                || !double.IsFinite(series.X[k - 1]) || !double.IsFinite(series.Y[k - 1]))
            {
                if (run.Count > 0) { yield return run; run = []; }
                continue;
            }
            if (!Clip(series.X[k - 1], series.Y[k - 1], series.X[k], series.Y[k], xTicks, yTicks, out var a, out var b))
            {
                if (run.Count > 0) { yield return run; run = []; }
                continue;
            }
            if (run.Count > 0 && run[^1] != a) { yield return run; run = []; }
            if (run.Count == 0) run.Add(a);
            run.Add(b);
        }
        if (run.Count > 0) yield return run;
    }

    // Liang-Barsky clipping of a segment to the axis ranges.
    private static bool Clip(double x0, double y0, double x1, double y1, TickSet xTicks, TickSet yTicks, out (double X, double Y) a, out (double X, double Y) b)
    {
        double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
        bool ok = Edge(-dx, x0 - xTicks.Min) && Edge(dx, xTicks.Max - x0) && Edge(-dy, y0 - yTicks.Min) && Edge(dy, yTicks.Max - y0);
        a = t0 == 0 ? (x0, y0) : (x0 + t0 * dx, y0 + t0 * dy);
        b = t1 == 1 ? (x1, y1) : (x0 + t1 * dx, y0 + t1 * dy);
        return ok;

        bool Edge(double p, double q)
        {
            if (p == 0) return q >= 0;
            double r = q / p;
            if (p < 0) { if (r > t1) return false; if (r > t0) t0 = r; }
            else { if (r < t0) return false; if (r < t1) t1 = r; }
            return true;
        }
    }
}
