namespace DeepSharp.Backends.Cpu;

/// <summary>Length checks shared by the update functions.</summary>
internal static class SpanChecks
{
    public static void SameLength(int expected, int actual, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {name} to have {expected} elements like the parameter, got {actual}.", name);
    }
}
