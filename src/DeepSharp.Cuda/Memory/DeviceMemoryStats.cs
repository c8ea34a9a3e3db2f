namespace DeepSharp.Backends.Cuda;

/// <summary>What the caching allocator of one device holds.</summary>
/// <param name="AllocatedBytes">Bytes in blocks owned by live storages now.</param>
/// <param name="PeakAllocatedBytes">The most <see cref="AllocatedBytes"/> since creation or <see cref="CudaBackend.ResetPeakMemory"/>.</param>
/// <param name="ReservedBytes">Bytes taken from the driver (in use plus cached for reuse).</param>
/// <param name="DriverAllocations">How many times the driver was asked for memory.</param>
/// <param name="CacheHits">Allocations served from the cache without the driver.</param>
public readonly record struct DeviceMemoryStats(long AllocatedBytes, long PeakAllocatedBytes, long ReservedBytes, long DriverAllocations, long CacheHits);
