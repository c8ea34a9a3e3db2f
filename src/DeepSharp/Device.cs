using System.Globalization;

namespace DeepSharp;

/// <summary>Where a tensor's storage lives and which backend computes on it: <see cref="Cpu"/> (the
/// fast managed kernels), <see cref="Reference"/> (plain loops, the test oracle, on host memory) or
/// <see cref="Cuda(int)"/> (an NVIDIA GPU, when a CUDA backend is registered).</summary>
/// <param name="Type">The kind of device.</param>
/// <param name="Index">The device number among devices of its kind (0 for the host devices).</param>
public readonly record struct Device(DeviceType Type, int Index = 0)
{
    private static readonly AsyncLocal<Device?> s_scoped = new();
    private static Device s_processDefault = new(DeviceType.Cpu);

    /// <summary>The host CPU with the optimized kernels: the default device.</summary>
    public static Device Cpu => new(DeviceType.Cpu);

    /// <summary>The reference backend: plain scalar loops over host memory, the oracle every fast
    /// kernel is tested against.</summary>
    public static Device Reference => new(DeviceType.Reference);

    /// <summary>CUDA GPU number <paramref name="index"/>.</summary>
    public static Device Cuda(int index = 0) =>
        index >= 0 ? new(DeviceType.Cuda, index) : throw new ArgumentOutOfRangeException(nameof(index), index, "A CUDA device index must be non-negative.");

    /// <summary>True for devices whose storage is host memory (spans can be taken on it).</summary>
    public bool IsHost => Type is DeviceType.Cpu or DeviceType.Reference;

    /// <summary>The device new tensors are created on when a factory is given none: the innermost
    /// <see cref="UseAsDefault"/> scope of this asynchronous flow, else the process default (CPU).</summary>
    public static Device Default => s_scoped.Value ?? s_processDefault;

    /// <summary>Makes this device the default for factories in this asynchronous flow (thread and
    /// the tasks it starts) until the returned scope is disposed.</summary>
    public DefaultScope UseAsDefault()
    {
        var previous = s_scoped.Value;
        s_scoped.Value = this;
        return new DefaultScope(previous);
    }

    /// <summary>Parses <c>cpu</c>, <c>reference</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">The text names no device.</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToLowerInvariant();
        if (t == "cpu") return Cpu;
        if (t == "reference") return Reference;
        if (t == "cuda") return Cuda(0);
        if (t.StartsWith("cuda:", StringComparison.Ordinal) &&
            int.TryParse(t.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int i)) return Cuda(i);
        throw new FormatException($"Unknown device '{text}': expected cpu, reference, cuda or cuda:N.");
    }

    /// <summary><c>cpu</c>, <c>reference</c> or <c>cuda:N</c>.</summary>
    public override string ToString() => Type switch
    {
        DeviceType.Cpu => "cpu",
        DeviceType.Reference => "reference",
        _ => string.Create(CultureInfo.InvariantCulture, $"cuda:{Index}"),
    };

    /// <summary>An active <see cref="UseAsDefault"/> scope; disposing it restores the previous default.</summary>
    public readonly struct DefaultScope : IDisposable
    {
        private readonly Device? _previous;

        internal DefaultScope(Device? previous) => _previous = previous;

        /// <summary>Restores the default that was in force when the scope began.</summary>
        public void Dispose() => s_scoped.Value = _previous;
    }
}
