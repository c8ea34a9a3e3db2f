using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace DeepSharp.Backends.Cuda;

/// <summary>One CUDA device found in this process.</summary>
/// <param name="Index">Its number (cuda:N).</param>
/// <param name="Name">The GPU's name.</param>
/// <param name="MemoryBytes">Its memory.</param>
/// <param name="Architecture">Compute capability, as ILGPU reports it (for example SM_90).</param>
public sealed record CudaDeviceInfo(int Index, string Name, long MemoryBytes, string Architecture);

/// <summary>The CUDA devices of this machine, or why there are none.</summary>
/// <param name="Devices">The devices found (empty when <paramref name="Reason"/> is set).</param>
/// <param name="Reason">Why no device can be used (no driver, no GPU), or null.</param>
public sealed record CudaProbe(IReadOnlyList<CudaDeviceInfo> Devices, string? Reason);

/// <summary>Finds CUDA devices without failing when there is no driver.</summary>
public static class CudaDevices
{
    /// <summary>The devices, or a one-line reason why there are none.</summary>
    public static CudaProbe Probe()
    {
        if (!DriverPresent()) return new([], "the NVIDIA driver library (libcuda) is not installed");
        try
        {
            using var context = CreateContext(cuda: true);
            var found = new List<CudaDeviceInfo>();
            var devices = context.GetCudaDevices();
            for (int i = 0; i < devices.Count; i++)
            {
                var d = devices[i];
                found.Add(new CudaDeviceInfo(i, d.Name, d.MemorySize, d.Architecture?.ToString() ?? "unknown"));
            }
            return found.Count == 0 ? new([], "the driver reports no CUDA device") : new(found, null);
        }
        catch (Exception e)
        {
            return new([], "the CUDA driver could not be initialized: " + e.Message.Split('\n')[0]);
        }
    }

    internal static Context CreateContext(bool cuda) =>
        Context.Create(builder =>
        {
            if (cuda) builder.Cuda();
            else builder.CPU();
            builder.EnableAlgorithms().Math(MathMode.Default).Optimize(OptimizationLevel.O1);
        });

    private static bool DriverPresent()
    {
        string name = OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1";
        if (!NativeLibrary.TryLoad(name, out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }
}
