namespace DeepSharp.Training;

/// <summary>Checks shared by the <see cref="IMergeableMetric"/> implementations.</summary>
internal static class MetricState
{
    public static void CheckLength(int given, int expected, string metric)
    {
        if (given != expected)
            throw new ArgumentException($"The {metric} metric's state has {expected} values, got a buffer of {given}.");
    }
}
