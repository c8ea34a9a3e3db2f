namespace DeepSharp.Optim;

/// <summary>Validation of option values: invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
internal static class OptionGuard
{
    public static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and non-negative.");

    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive.");

    /// <summary>A value in [0, 1) such as a decay rate or momentum.</summary>
    public static double UnitInterval(double value, string name) =>
        value >= 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1).");

    /// <summary>A value in [0, 1] such as dampening.</summary>
    public static double ClosedUnitInterval(double value, string name) =>
        value >= 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1].");

    public static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be non-negative.");

    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
