namespace DeepSharp.Backends;

/// <summary>A device was asked for that this process cannot use (no driver, no such GPU, no backend).</summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="device"/> with the reason it is unavailable.</summary>
    public DeviceUnavailableException(Device device, string reason)
        : base(device.Type == DeviceType.Cuda ? $"no CUDA device: {reason}" : $"device {device} is unavailable: {reason}")
    {
        Device = device;
        Reason = reason;
    }

    /// <summary>The device asked for.</summary>
    public Device Device { get; }

    /// <summary>Why it cannot be used.</summary>
    public string Reason { get; }
}
