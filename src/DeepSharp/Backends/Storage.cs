namespace DeepSharp.Backends;

/// <summary>
/// A block of elements owned by one backend: host memory for the CPU and reference backends,
/// device memory for a GPU backend. Tensors are strided views of a storage; views share it.
/// </summary>
/// <remarks>The core keeps two counters here that backends never touch: the version, bumped by
/// every in-place write (so a backward pass can tell that a tensor it saved was modified), and the
/// generation, bumped when a pool hands the memory out again (so a tensor kept past its
/// <c>TensorArena</c> scope fails loudly instead of reading another step's data).</remarks>
public abstract class Storage
{
    /// <summary>Creates the storage record of <paramref name="length"/> elements of <paramref name="dtype"/>.</summary>
    protected Storage(IBackend backend, DType dtype, int length)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Backend = backend;
        DType = dtype;
        Length = length;
    }

    /// <summary>The backend that allocated this storage and computes on it.</summary>
    public IBackend Backend { get; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Incremented by every in-place write through the core.</summary>
    internal int Version;

    /// <summary>Incremented each time a pool reuses this storage for a new owner.</summary>
    internal int Generation;
}

/// <summary>Storage in a managed array on the host (the CPU and reference backends).</summary>
/// <typeparam name="T">float, double or int.</typeparam>
public sealed class HostStorage<T> : Storage where T : unmanaged
{
    /// <summary>Wraps <paramref name="data"/> (no copy) as storage of <paramref name="backend"/>.</summary>
    public HostStorage(IBackend backend, T[] data) : base(backend, DTypeExtensions.Of<T>(), data.Length) => Data = data;

    /// <summary>Allocates <paramref name="length"/> uninitialized elements.</summary>
    public HostStorage(IBackend backend, int length)
        : this(backend, length == 0 ? [] : GC.AllocateUninitializedArray<T>(length)) { }

    /// <summary>The elements.</summary>
    public T[] Data { get; }
}
