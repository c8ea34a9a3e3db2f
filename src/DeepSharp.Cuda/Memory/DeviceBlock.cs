using ILGPU;
using ILGPU.Runtime;

namespace DeepSharp.Backends.Cuda;

/// <summary>One device allocation handed out by the <see cref="DeviceMemoryPool"/>.</summary>
internal sealed class DeviceBlock(MemoryBuffer1D<byte, Stride1D.Dense> buffer, long bytes)
{
    /// <summary>The device memory.</summary>
    public MemoryBuffer1D<byte, Stride1D.Dense> Buffer { get; } = buffer;

    /// <summary>The block's size class in bytes (at least what was asked for).</summary>
    public long Bytes { get; } = bytes;
}
