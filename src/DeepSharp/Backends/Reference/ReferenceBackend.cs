namespace DeepSharp.Backends.Reference;

/// <summary>
/// The reference backend: every operation of <see cref="IBackend"/> as plain scalar loops over host
/// memory, with no SIMD, no threads and no blocking, written to be read. It is the oracle the fast
/// backends are tested against (the conformance tests run every method through both) and the proof
/// that the backend seam is a seam: it was added without touching the layers above the core.
/// </summary>
/// <remarks>
/// Each method reads its inputs (any layout) into dense row-major arrays through
/// <see cref="StridedElements"/>, computes in double precision (Float32 results are rounded once,
/// when written), and writes the output view. Float32 and Float64 are accepted everywhere a
/// floating-point operand is; Int32 where the interface allows it (copies, fills, comparisons,
/// selections, indices). One file per family: ReferenceBackend.ElementWise, .Pointwise, .Reduce,
/// .LinearAlgebra, .Conv, .Pool, .Softmax, .Index, .Optim, .Random.
/// </remarks>
public sealed partial class ReferenceBackend : IBackend
{
    private ReferenceBackend() { }

    /// <summary>The one reference backend.</summary>
    public static ReferenceBackend Instance { get; } = new();

    /// <inheritdoc/>
    public Device Device => Device.Reference;

    /// <inheritdoc/>
    public Storage Allocate(DType dtype, int length) => dtype switch
    {
        DType.Float32 => new HostStorage<float>(this, length),
        DType.Float64 => new HostStorage<double>(this, length),
        DType.Int32 => new HostStorage<int>(this, length),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Allocate: expected Float32, Float64 or Int32."),
    };

    /// <inheritdoc/>
    public void CopyFromHost<T>(ReadOnlySpan<T> src, Storage dst, int offset) where T : unmanaged
    {
        if (dst is not HostStorage<T> host)
            throw new ArgumentException($"CopyFromHost: expected {typeof(T).Name} storage, found {dst.DType} on {dst.Backend.Device}.", nameof(dst));
        if (offset < 0 || offset + src.Length > host.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"CopyFromHost: {src.Length} elements from {offset} do not fit a storage of {host.Length}.");
        for (int i = 0; i < src.Length; i++) host.Data[offset + i] = src[i];
    }

    /// <inheritdoc/>
    public void CopyToHost<T>(StorageView src, Span<T> dst) where T : unmanaged
    {
        if (src.Storage is not HostStorage<T> host)
            throw new ArgumentException($"CopyToHost: expected {typeof(T).Name} storage, found {src.DType} on {src.Storage.Backend.Device}.", nameof(src));
        var positions = StridedElements.Positions(src);
        if (dst.Length < positions.Length)
            throw new ArgumentException($"CopyToHost: the destination holds {dst.Length} elements, the view {positions.Length}.", nameof(dst));
        for (int e = 0; e < positions.Length; e++) dst[e] = host.Data[positions[e]];
    }

    /// <inheritdoc/>
    public void Copy(StorageView src, StorageView dst)
    {
        // Int32 -> Int32 and Float32 -> Int32 through double are exact; the write truncates toward zero.
        CheckSameCount(src, dst, "Copy");
        StridedElements.Write(dst, StridedElements.Read(src));
    }

    /// <inheritdoc/>
    public void Fill(StorageView dst, double value)
    {
        if (dst.DType == DType.Int32) value = checked((int)value);
        var values = new double[dst.Numel];
        Array.Fill(values, value);
        StridedElements.Write(dst, values);
    }

    /// <inheritdoc/>
    public void Synchronize() { }

    /// <summary>Throws unless <paramref name="dtype"/> is Float32 or Float64.</summary>
    private static void RequireFloat(DType dtype, string op)
    {
        if (!dtype.IsFloatingPoint())
            throw new NotSupportedException($"{op}: needs a floating-point tensor, got {dtype}; convert with To(DType.Float32).");
    }

    private static void CheckSameCount(StorageView a, StorageView b, string op)
    {
        if (a.Numel != b.Numel)
            throw new ArgumentException($"{op}: the views hold {a.Numel} and {b.Numel} elements; expected the same count.");
    }
}
