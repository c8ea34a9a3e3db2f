using System.Globalization;

namespace DeepSharp.Serialization;

public sealed partial class ModelDescription
{
    /// <summary>Default largest number of learnable scalars a description may ask for: 2^28
    /// (268,435,456 parameters, 1 GiB as float32). Raise it for a scope with <see cref="AllowParameters"/>.</summary>
    public const long DefaultMaxParameters = 1L << 28;

    /// <summary>Largest number of elements of one input sample (the product of <see cref="InputShape"/>): 2^24.</summary>
    public const long MaxInputElements = 1L << 24;

    /// <summary>Most stacked layers a description may hold in all: its layers, a recurrent layer
    /// counting as many as its <c>layers</c> option says.</summary>
    public const int MaxStackedLayers = MaxLayers;

    private static readonly AsyncLocal<long?> ScopedMaxParameters = new();

    /// <summary>The parameter limit in force: <see cref="DefaultMaxParameters"/>, or what the
    /// innermost <see cref="AllowParameters"/> scope of this flow of execution set.</summary>
    public static long MaxParameters => ScopedMaxParameters.Value ?? DefaultMaxParameters;

    /// <summary>Sets the parameter limit of descriptions created, parsed or loaded (from JSON files,
    /// weights files and checkpoints) until the returned scope is disposed; scopes nest, and other
    /// threads and flows keep their own limit.</summary>
    /// <param name="maxParameters">The new limit, at least 1.</param>
    /// <example><code>using (ModelDescription.AllowParameters(2_000_000_000)) model = ModuleSerialization.LoadModel(path);</code></example>
    public static IDisposable AllowParameters(long maxParameters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParameters, 1);
        var scope = new LimitScope(ScopedMaxParameters.Value);
        ScopedMaxParameters.Value = maxParameters;
        return scope;
    }

    /// <summary>Null when the layers and input fit the limits, else the problem (checked arithmetic throughout).</summary>
    private static string? CheckLimits(LayerDescription[] layers, int[]? inputShape)
    {
        if (inputShape is not null)
        {
            long elements = 1;
            foreach (int d in inputShape) elements = Math.Min(elements * d, MaxInputElements + 1);
            if (elements > MaxInputElements)
                return $"the input shape [{string.Join(", ", inputShape)}] has more than {MaxInputElements} elements per sample.";
        }
        long stacked = 0;
        foreach (var layer in layers) stacked += layer.StackedLayers;
        if (stacked > MaxStackedLayers)
            return $"the layers stack {stacked} layers in all (recurrent layers count their 'layers'), above the limit of {MaxStackedLayers}.";
        // Each layer's tensors are below 2^31 elements and there are at most MaxLayers layers, so the sum fits a long.
        long parameters = 0;
        foreach (var layer in layers) parameters = checked(parameters + layer.ParameterCount);
        return TooManyParameters(parameters);
    }

    /// <summary>Null when <paramref name="parameters"/> is within <see cref="MaxParameters"/>, else the problem.</summary>
    internal static string? TooManyParameters(long parameters)
    {
        long max = MaxParameters;
        if (parameters > max)
            return string.Create(CultureInfo.InvariantCulture,
                $"the model has {parameters:N0} parameters ({Gigabytes(parameters)} as float32), above the limit of {max:N0} ({Gigabytes(max)}); raise it with ModelDescription.AllowParameters (the command line's --max-parameters).");
        return null;
    }

    private static string Gigabytes(long parameters) => string.Create(CultureInfo.InvariantCulture, $"{parameters * 4.0 / 1e9:0.##} GB");

    private sealed class LimitScope(long? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            ScopedMaxParameters.Value = previous;
        }
    }
}
