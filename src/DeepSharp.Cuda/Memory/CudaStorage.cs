using ILGPU;

namespace DeepSharp.Backends.Cuda;

/// <summary>Storage in device memory: a block of the backend's caching allocator, returned to it
/// when the storage is collected.</summary>
public sealed class CudaStorage : Storage
{
    private readonly DeviceMemoryPool _pool;

    internal CudaStorage(CudaBackend backend, DeviceMemoryPool pool, DType dtype, int length)
        : base(backend, dtype, length)
    {
        _pool = pool;
        Block = pool.Rent(Math.Max(1L, (long)length * dtype.ElementSize()));
    }

    internal DeviceBlock Block { get; }

    /// <summary>The elements as a typed device view.</summary>
    internal ArrayView<T> View<T>() where T : unmanaged =>
        ((ArrayView<byte>)Block.Buffer.View).Cast<T>().SubView(0, Length);

    /// <summary>Returns the block to the allocator's cache.</summary>
    ~CudaStorage() => _pool.Return(Block);
}
