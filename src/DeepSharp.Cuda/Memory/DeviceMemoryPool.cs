using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;

namespace DeepSharp.Backends.Cuda;

/// <summary>
/// A caching device allocator, as PyTorch's: freed blocks are kept by size class and handed out
/// again, so a training step's tensors do not each call the driver. A storage returns its block
/// when the garbage collector finalizes it; the pool keeps every block reachable itself, so a
/// block is never freed by its own finalizer while it sits in the return queue.
/// </summary>
/// <remarks>All device work runs on the accelerator's one stream, in order, so a block reused
/// after its storage died is written only after the kernels that read it were queued.</remarks>
internal sealed class DeviceMemoryPool(Accelerator accelerator) : IDisposable
{
    private const long Granule = 512;
    private const long SmallLimit = 1 << 20;

    private readonly object _lock = new();
    private readonly Dictionary<long, Stack<DeviceBlock>> _free = [];
    private readonly HashSet<DeviceBlock> _owned = [];
    private readonly ConcurrentQueue<DeviceBlock> _returned = new();
    private long _allocated, _peak, _reserved, _driverAllocations, _cacheHits;

    /// <summary>The size class of a request: 512-byte steps below 1 MiB, then eight classes per doubling.</summary>
    public static long SizeClass(long bytes)
    {
        if (bytes <= Granule) return Granule;
        if (bytes <= SmallLimit) return (bytes + Granule - 1) / Granule * Granule;
        long step = (1L << (63 - (int)long.LeadingZeroCount(bytes))) / 8;
        return (bytes + step - 1) / step * step;
    }

    public DeviceBlock Rent(long bytes)
    {
        long size = SizeClass(bytes);
        lock (_lock)
        {
            Drain();
            DeviceBlock block;
            if (_free.TryGetValue(size, out var stack) && stack.Count > 0)
            {
                block = stack.Pop();
                _cacheHits++;
            }
            else block = AllocateFromDriver(size);
            _allocated += block.Bytes;
            _peak = Math.Max(_peak, _allocated);
            return block;
        }
    }

    /// <summary>Called from a storage's finalizer: queues the block for reuse (no lock taken there).</summary>
    public void Return(DeviceBlock block) => _returned.Enqueue(block);

    public DeviceMemoryStats Stats()
    {
        lock (_lock)
        {
            Drain();
            return new(_allocated, _peak, _reserved, _driverAllocations, _cacheHits);
        }
    }

    public void ResetPeak()
    {
        lock (_lock) _peak = _allocated;
    }

    /// <summary>Gives every cached (unused) block back to the driver.</summary>
    public void EmptyCache()
    {
        lock (_lock)
        {
            Drain();
            foreach (var stack in _free.Values)
                while (stack.TryPop(out var block)) Release(block);
        }
    }

    private DeviceBlock AllocateFromDriver(long size)
    {
        MemoryBuffer1D<byte, Stride1D.Dense> buffer;
        try
        {
            buffer = accelerator.Allocate1D<byte>(size);
        }
        catch (Exception e) when (e is ILGPU.Runtime.AcceleratorException or OutOfMemoryException)
        {
            // Dead storages may still hold blocks the collector has not finalized yet: collect,
            // take their blocks back, free the cache and try once more.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Drain();
            foreach (var stack in _free.Values)
                while (stack.TryPop(out var cached)) Release(cached);
            buffer = accelerator.Allocate1D<byte>(size);
        }
        var block = new DeviceBlock(buffer, size);
        _owned.Add(block);
        _reserved += size;
        _driverAllocations++;
        return block;
    }

    private void Drain()
    {
        while (_returned.TryDequeue(out var block))
        {
            _allocated -= block.Bytes;
            if (!_free.TryGetValue(block.Bytes, out var stack)) _free[block.Bytes] = stack = new Stack<DeviceBlock>();
            stack.Push(block);
        }
    }

    private void Release(DeviceBlock block)
    {
        _owned.Remove(block);
        _reserved -= block.Bytes;
        block.Buffer.Dispose();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var block in _owned) block.Buffer.Dispose();
            _owned.Clear();
            _free.Clear();
        }
    }
}
