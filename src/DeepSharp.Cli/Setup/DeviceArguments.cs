using DeepSharp.Backends;
using DeepSharp.Backends.Cuda;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Setup;

/// <summary><c>--device cpu|cuda[:N]|auto</c>: which device a command computes on. <c>cuda</c> without a
/// usable GPU is a one-line error ("no CUDA device: reason", exit 2); <c>auto</c> falls back to the CPU.</summary>
internal static class DeviceArguments
{
    public static readonly OptionSpec Option =
        new("device", "cpu (default), cuda, cuda:N, or auto (the first CUDA GPU when one is usable, else cpu)", ValueName: "DEVICE");

    /// <summary>The device asked for, its backend created (so a missing GPU fails here, before any work).</summary>
    public static Device Select(ParsedArguments args, TextWriter notes)
    {
        string text = args.GetString("device", "cpu")!.Trim().ToLowerInvariant();
        if (text == "cpu") return Device.Cpu;
        CudaBackend.Register();
        if (text == "auto")
        {
            try
            {
                BackendRegistry.For(Device.Cuda(0));
                return Device.Cuda(0);
            }
            catch (DeviceUnavailableException e)
            {
                notes.WriteLine($"device auto: {e.Message}; using the CPU.");
                return Device.Cpu;
            }
        }
        Device device;
        try
        {
            device = Device.Parse(text);
        }
        catch (FormatException)
        {
            throw new CliUsageException($"'--device': expected cpu, cuda, cuda:N or auto, got '{text}'.");
        }
        if (device.Type != DeviceType.Cuda) throw new CliUsageException($"'--device': expected cpu, cuda, cuda:N or auto, got '{text}'.");
        try
        {
            BackendRegistry.For(device);
        }
        catch (DeviceUnavailableException e)
        {
            throw new CliUsageException(e.Message);
        }
        return device;
    }
}
