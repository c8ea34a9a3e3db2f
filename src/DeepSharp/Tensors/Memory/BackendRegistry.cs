using System.Collections.Concurrent;
using DeepSharp.Backends;
using DeepSharp.Backends.Cpu;
using DeepSharp.Backends.Reference;

namespace DeepSharp.Tensors;

/// <summary>Finds the backend of a <see cref="Device"/>: the CPU and reference backends are built
/// in; a GPU backend registers a factory for its device type.</summary>
public static class BackendRegistry
{
    private static readonly ConcurrentDictionary<DeviceType, Func<int, IBackend>> s_factories = new();
    private static readonly ConcurrentDictionary<Device, IBackend> s_backends = new();

    /// <summary>Registers the factory that makes the backend of device <paramref name="type"/>
    /// number N (called once per device, on first use).</summary>
    public static void Register(DeviceType type, Func<int, IBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        s_factories[type] = factory;
    }

    /// <summary>The backend computing on <paramref name="device"/>.</summary>
    /// <exception cref="DeviceUnavailableException">No backend serves that device here.</exception>
    public static IBackend For(Device device)
    {
        if (device.Type == DeviceType.Cpu) return CpuBackend.Instance;
        if (device.Type == DeviceType.Reference) return ReferenceBackend.Instance;
        return s_backends.GetOrAdd(device, d =>
        {
            if (!s_factories.TryGetValue(d.Type, out var factory))
                throw new DeviceUnavailableException(d, d.Type == DeviceType.Cuda
                    ? "no CUDA backend is registered in this process"
                    : $"no backend is registered for {d.Type}");
            return factory(d.Index);
        });
    }
}
