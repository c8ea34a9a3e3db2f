namespace DeepSharp.Plotting;

/// <summary>Validation for the options records: throws <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
internal static class OptionCheck
{
    public static int InRange(int value, int min, int max, string name)
        => value >= min && value <= max ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}], got {value}.");

    public static double InRange(double value, double min, double max, string name)
        => value >= min && value <= max ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}], got {value}.");

    public static double? Finite(double? value, string name)
        => value is null || double.IsFinite(value.Value) ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite when set, got {value}.");
}
